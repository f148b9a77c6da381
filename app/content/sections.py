"""The section headings of a translated card (plain data, no pydantic: the panel needs them at
start-up, and loading the schema there would cost ~130 ms)."""

from __future__ import annotations

# The section headings of a translated card, in the order of SECTIONS (same structure, same links).
TRANSLATED_SECTIONS: dict[str, dict[str, str]] = {  # one per app.domain.knowledge.LANGUAGES
    "es": {
        "What it is": "Qué es",
        "Why it can hurt where you feel it": "Por qué puede doler donde lo siente",
        "What else fits": "Qué más puede ser",
        "What helps": "Qué ayuda",
        "When to see a clinician": "Cuándo consultar a un profesional de la salud",
        "Get care now if": "Busque atención ya si",
        "For clinicians and students": "Para profesionales y estudiantes",
        "Why they look alike": "Por qué se parecen",
        "The check that tells them apart": "La prueba que los distingue",
        "What to do": "Qué hacer",
        "Get care now": "Busque atención ya",
        "Why it matters": "Por qué importa",
    },
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Skin</source>
        <translation>Piel</translation>
    </message>
    <message>
        <source>Skin opacity</source>
        <translation>Opacidad de la piel</translation>
    </message>
    <message>
        <source>see-through  ←→  solid</source>
        <translation>transparente  ←→  opaca</translation>
    </message>
    <message>
        <source>Skin maps</source>
        <translation>Mapas de la piel</translation>
    </message>
    <message>
        <source>Skin map</source>
        <translation>Mapa de la piel</translation>
    </message>
    <message>
        <source>Hatch where maps differ</source>
        <translation>Rayar donde los mapas difieren</translation>
    </message>
    <message>
        <source>Hatch where the Lee 2008 and Keegan &amp; Garrett 1948 dermatome maps disagree</source>
        <translation>Rayar donde los mapas de dermatomas de Lee 2008 y de Keegan y Garrett 1948 no coinciden</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Map legend</source>
        <translation>Leyenda del mapa</translation>
    </message>
    <message>
        <source>Layers and maps</source>
        <translation>Capas y mapas</translation>
    </message>
    <message>
        <source>Show or hide the layers, skin maps and tools on the left</source>
        <translation>Mostrar u ocultar las capas, los mapas de la piel y las herramientas de la izquierda</translation>
    </message>
    <message>
        <source>{0} view</source>
        <translation>Vista: {0}</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Reset the view</source>
        <translation>Restablecer la vista</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Interface language: English or Spanish</source>
        <translation>Idioma de la interfaz: inglés o español</translation>
    </message>
    <message>
        <source>Handout…</source>
        <translation>Hoja para el paciente…</translation>
    </message>
    <message>
        <source>A sheet for the patient: this view, the possible sources, what helps (PDF or print)</source>
        <translation>Una hoja para el paciente: esta vista, las posibles causas, lo que ayuda (PDF o impresa)</translation>
    </message>
    <message>
        <source>Urgent signs</source>
        <translation>Señales urgentes</translation>
    </message>
    <message>
        <source>Numbness in the saddle area, bladder or bowel changes, fever …</source>
        <translation>Adormecimiento en la zona de la silla de montar, cambios al orinar o al hacer de vientre, fiebre…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Save image of the view…</source>
        <translation>Guardar imagen de la vista…</translation>
    </message>
    <message>
        <source>Save the body as it shows now as a picture (PNG)</source>
        <translation>Guardar el cuerpo tal como se ve ahora como imagen (PNG)</translation>
    </message>
    <message>
        <source>Save image of the view</source>
        <translation>Guardar imagen de la vista</translation>
    </message>
    <message>
        <source>Could not save the image as {0}: choose another folder.</source>
        <translation>No se pudo guardar la imagen como {0}: elija otra carpeta.</translation>
    </message>
    <message>
        <source>Saved the image as {0}</source>
        <translation>Imagen guardada como {0}</translation>
    </message>
    <message>
        <source>Save this view…</source>
        <translation>Guardar esta vista…</translation>
    </message>
    <message>
        <source>Keep the camera, the spots, the maps and the chosen source under a name</source>
        <translation>Guardar con un nombre la cámara, los puntos, los mapas y la causa elegida</translation>
    </message>
    <message>
        <source>Open a saved view</source>
        <translation>Abrir una vista guardada</translation>
    </message>
    <message>
        <source>Delete a saved view</source>
        <translation>Borrar una vista guardada</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Aún no hay vistas guardadas</translation>
    </message>
    <message>
        <source>Save this view</source>
        <translation>Guardar esta vista</translation>
    </message>
    <message>
        <source>A name for this view (a saved view of the same name is replaced):</source>
        <translation>Un nombre para esta vista (se reemplaza la vista guardada con el mismo nombre):</translation>
    </message>
    <message>
        <source>View {0}</source>
        <translation>Vista {0}</translation>
    </message>
    <message>
        <source>Could not save the view in {0} ({1}). Check that the folder can be written to.</source>
        <translation>No se pudo guardar la vista en {0} ({1}). Compruebe que se puede escribir en la carpeta.</translation>
    </message>
    <message>
        <source>Saved the view “{0}” in {1}</source>
        <translation>Vista «{0}» guardada en {1}</translation>
    </message>
    <message>
        <source>the unreadable file is kept as {0}</source>
        <translation>el archivo ilegible se guarda como {0}</translation>
    </message>
    <message>
        <source>Could not change {0} ({1}).</source>
        <translation>No se pudo cambiar {0} ({1}).</translation>
    </message>
    <message>
        <source>Deleted the saved view “{0}”</source>
        <translation>Vista guardada «{0}» borrada</translation>
    </message>
    <message>
        <source>Opened the view “{0}”</source>
        <translation>Vista «{0}» abierta</translation>
    </message>
    <message>
        <source>no longer in the atlas: {0}</source>
        <translation>ya no está en el atlas: {0}</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Vistas guardadas</translation>
    </message>
    <message>
        <source>Your saved views could not be read: {0}

Nothing was changed or deleted. If you save a view now, the unreadable file is kept beside the new one.</source>
        <translation>No se pudieron leer sus vistas guardadas: {0}

No se cambió ni se borró nada. Si guarda una vista ahora, el archivo ilegible se conserva junto al nuevo.</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Referral Atlas</source>
        <translation>Acerca de Referral Atlas</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Bibliografía</translation>
    </message>
    <message>
        <source>Technical log (no patient data)</source>
        <translation>Registro técnico (sin datos de pacientes)</translation>
    </message>
    <message>
        <source>Settings (language, text size, contrast)</source>
        <translation>Ajustes (idioma, tamaño del texto, contraste)</translation>
    </message>
    <message>
        <source>Kiosk settings (read only)</source>
        <translation>Ajustes del quiosco (solo lectura)</translation>
    </message>
    <message>
        <source>Study progress</source>
        <translation>Progreso de estudio</translation>
    </message>
    <message>
        <source>Cache (safe to delete)</source>
        <translation>Caché (se puede borrar)</translation>
    </message>
    <message>
        <source>Content (cards, links, references)</source>
        <translation>Contenido (fichas, enlaces, bibliografía)</translation>
    </message>
    <message>
        <source>3D model</source>
        <translation>Modelo 3D</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>Versión {0}</translation>
    </message>
    <message>
        <source>Content {0}</source>
        <translation>Contenido {0}</translation>
    </message>
    <message>
        <source>A 3D atlas of where pain in the lower body can come from, for patient education.</source>
        <translation>Un atlas en 3D de dónde puede venir el dolor de la parte baja del cuerpo, para educar a los pacientes.</translation>
    </message>
    <message>
        <source>It is not a diagnosis.</source>
        <translation>No es un diagnóstico.</translation>
    </message>
    <message>
        <source>It sends nothing over the network and keeps nothing about patients.</source>
        <translation>No envía nada por la red y no guarda nada de los pacientes.</translation>
    </message>
    <message>
        <source>Where its files are</source>
        <translation>Dónde están sus archivos</translation>
    </message>
    <message>
        <source>Referral Atlas is free software under the MIT licence.</source>
        <translation>Referral Atlas es software libre con licencia MIT.</translation>
    </message>
    <message>
        <source>The 3D model</source>
        <translation>El modelo 3D</translation>
    </message>
    <message>
        <source>The licence texts are in the folder LICENSES beside the model.</source>
        <translation>Los textos de las licencias están en la carpeta LICENSES junto al modelo.</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Bibliotecas</translation>
    </message>
    <message>
        <source>Every fact the cards show comes from one of these {0} sources.</source>
        <translation>Cada dato de las fichas viene de una de estas {0} fuentes.</translation>
    </message>
</context>
<context>
    <name>Announcer</name>
    <message>
        <source>{0} {1} possible sources; the first is {2}.</source>
        <translation>{0} {1} posibles causas; la primera es {2}.</translation>
    </message>
    <message>
        <source>Chosen: {0}</source>
        <translation>Elegida: {0}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare two possible sources</source>
        <translation>Comparar dos posibles causas</translation>
    </message>
    <message>
        <source>&lt;b&gt;What tells them apart&lt;/b&gt;</source>
        <translation>&lt;b&gt;Qué las distingue&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What tells them apart</source>
        <translation>Qué las distingue</translation>
    </message>
    <message>
        <source>First source</source>
        <translation>Primera causa</translation>
    </message>
    <message>
        <source>Second source</source>
        <translation>Segunda causa</translation>
    </message>
    <message>
        <source>No bedside check in the atlas tells these two apart: compare their cards.</source>
        <translation>El atlas no tiene una prueba en consulta que distinga estas dos: compare sus fichas.</translation>
    </message>
</context>
<context>
    <name>CrashReports</name>
    <message>
        <source>Something went wrong, but you can keep going. A report for staff is in {0}.</source>
        <translation>Algo salió mal, pero puede seguir. Hay un informe para el personal en {0}.</translation>
    </message>
</context>
<context>
    <name>DeskStatus</name>
    <message>
        <source>click where it hurts</source>
        <translation>haga clic donde le duele</translation>
    </message>
    <message>
        <source>touch is off: {0}</source>
        <translation>no se puede tocar: {0}</translation>
    </message>
    <message>
        <source>View: {0} · {1} · drag to turn, scroll to zoom</source>
        <translation>Vista: {0} · {1} · arrastre para girar, use la rueda para acercar</translation>
    </message>
    <message>
        <source>You marked {0}.</source>
        <translation>Ha marcado: {0}.</translation>
    </message>
    <message>
        <source>You touched {0}.</source>
        <translation>Usted tocó {0}.</translation>
    </message>
    <message>
        <source>The path does not pulse, to keep the picture quick on this computer.</source>
        <translation>El camino no late, para que la imagen vaya rápida en este equipo.</translation>
    </message>
</context>
<context>
    <name>ExplorerPanel</name>
    <message>
        <source>family doctor</source>
        <translation>médico de familia</translation>
    </message>
    <message>
        <source>physical therapist</source>
        <translation>fisioterapeuta</translation>
    </message>
    <message>
        <source>podiatrist</source>
        <translation>podólogo</translation>
    </message>
    <message>
        <source>spine specialist</source>
        <translation>especialista en columna</translation>
    </message>
    <message>
        <source>orthopaedic specialist</source>
        <translation>traumatólogo</translation>
    </message>
    <message>
        <source>rheumatologist</source>
        <translation>reumatólogo</translation>
    </message>
    <message>
        <source>emergency care</source>
        <translation>urgencias</translation>
    </message>
    <message>
        <source>This explains possible causes. It is not a diagnosis. A clinician can examine you and tell.</source>
        <translation>Esto explica posibles causas. No es un diagnóstico. Un profesional de la salud puede examinarle y decírselo.</translation>
    </message>
    <message>
        <source>open the card</source>
        <translation>abrir la tarjeta</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Jump to:&lt;/b&gt; {0}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Ir a:&lt;/b&gt; {0}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Most strongly:</source>
        <translation>Con más fuerza:</translation>
    </message>
    <message>
        <source>Also:</source>
        <translation>También:</translation>
    </message>
    <message>
        <source>Less often:</source>
        <translation>Con menos frecuencia:</translation>
    </message>
    <message>
        <source>Areas those places lie in:</source>
        <translation>Zonas donde están esos lugares:</translation>
    </message>
    <message>
        <source>Touch the body where it hurts.</source>
        <translation>Toque el cuerpo donde le duele.</translation>
    </message>
    <message>
        <source>Choose the place from a list…</source>
        <translation>Elegir el lugar de una lista…</translation>
    </message>
    <message>
        <source>Without touching the body: a place and a side, as a touch there would</source>
        <translation>Sin tocar el cuerpo: un lugar y un lado, igual que al tocar allí</translation>
    </message>
    <message>
        <source>Mark an area</source>
        <translation>Marcar una zona</translation>
    </message>
    <message>
        <source>Touch or stroke several spots; the ranking uses them all</source>
        <translation>Toque o recorra varios puntos; la lista los tiene en cuenta todos</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>Forget the places and answers: a new person can start</source>
        <translation>Olvidar los lugares y las respuestas: puede empezar otra persona</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Comparar…</translation>
    </message>
    <message>
        <source>Put the chosen source beside another one: both paths, both cards</source>
        <translation>Poner la causa elegida junto a otra: los dos caminos, las dos fichas</translation>
    </message>
    <message>
        <source>Sources, questions, or what one source can do</source>
        <translation>Causas, preguntas o lo que puede hacer una causa</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Causas</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>From a source</source>
        <translation>Desde una causa</translation>
    </message>
    <message>
        <source>with {0}</source>
        <translation>con {0}</translation>
    </message>
    <message>
        <source>&lt;br/&gt;&lt;b&gt;Check the urgent signs at the top of the list first.&lt;/b&gt;</source>
        <translation>&lt;br/&gt;&lt;b&gt;Compruebe primero las señales urgentes del principio de la lista.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>You touched &lt;b&gt;{0}&lt;/b&gt;.</source>
        <translation>Usted tocó &lt;b&gt;{0}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How it gets to each place:&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Cómo llega a cada lugar:&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>another way: {0}</source>
        <translation>otro camino: {0}</translation>
    </message>
    <message>
        <source>Read the card: {0}</source>
        <translation>Leer la ficha: {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;You marked an urgent sign.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Usted marcó una señal urgente.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signs that need care now.&lt;/b&gt; Each card says where to go: some need an emergency department now, others a doctor today.</source>
        <translation>&lt;b&gt;Señales que necesitan atención ya.&lt;/b&gt; Cada tarjeta dice adónde ir: algunas necesitan urgencias ahora, otras un médico hoy.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best fits now:&lt;/b&gt; </source>
        <translation>&lt;b&gt;Lo que mejor encaja ahora:&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Touch the body first: the answers re-rank the possible sources.</source>
        <translation>Primero toque el cuerpo: las respuestas reordenan las posibles causas.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How it can reach this spot:&lt;/b&gt; {0}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Cómo puede llegar hasta este punto:&lt;/b&gt; {0}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Why it is on the list:&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Por qué está en la lista:&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How sure the science is:&lt;/b&gt; {0} · &lt;b&gt;Who can help:&lt;/b&gt; {1}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Qué tan segura es la ciencia:&lt;/b&gt; {0} · &lt;b&gt;Quién puede ayudar:&lt;/b&gt; {1}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Can send pain or strain to:&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Puede llevar dolor o sobrecarga a:&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Through:&lt;/b&gt; {0}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;A través de:&lt;/b&gt; {0}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>FromSourceTab</name>
    <message>
        <source>Pick a source here, or Ctrl+click it on the body, to see every place it can send pain or strain:</source>
        <translation>Elija una causa aquí, o haga Ctrl+clic sobre ella en el cuerpo, para ver todos los lugares adonde puede llevar dolor o sobrecarga:</translation>
    </message>
    <message>
        <source>Start from a source</source>
        <translation>Empezar desde una causa</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Problemas de salud</translation>
    </message>
    <message>
        <source>Body parts: nerves, joints, discs …</source>
        <translation>Partes del cuerpo: nervios, articulaciones, discos …</translation>
    </message>
    <message>
        <source>Where this source can send pain or strain</source>
        <translation>Adónde puede llevar dolor o carga esta causa</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <source>Patient handout</source>
        <translation>Hoja para el paciente</translation>
    </message>
    <message>
        <source>A note for the patient, if you like (printed on the sheet, never stored):</source>
        <translation>Una nota para el paciente, si lo desea (se imprime en la hoja y nunca se guarda):</translation>
    </message>
    <message>
        <source>Note for the patient</source>
        <translation>Nota para el paciente</translation>
    </message>
    <message>
        <source>e.g. Walk a little every day; see me again in 3 weeks.</source>
        <translation>p. ej. Camine un poco cada día; vuelva a verme en 3 semanas.</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Tamaño del papel</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Vista previa…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>No printer is set up on this computer; save a PDF instead.</source>
        <translation>Este equipo no tiene impresora configurada; guarde un PDF.</translation>
    </message>
    <message>
        <source>Saved the handout as {0}</source>
        <translation>Hoja guardada como {0}</translation>
    </message>
    <message>
        <source>Handout preview</source>
        <translation>Vista previa de la hoja</translation>
    </message>
    <message>
        <source>Sent the handout to {0}</source>
        <translation>Hoja enviada a {0}</translation>
    </message>
    <message>
        <source>Save the handout</source>
        <translation>Guardar la hoja</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Click the body where it hurts. Or press P to choose the place from a list.</source>
        <translation>Haga clic en el cuerpo donde duele. O pulse P para elegir el lugar de una lista.</translation>
    </message>
    <message>
        <source>The list on the right shows what could send pain there, the best fit first. Click one to see its path on the body and its card.</source>
        <translation>La lista de la derecha muestra qué podría enviar dolor allí, primero lo que mejor encaja. Haga clic en uno para ver su camino en el cuerpo y su ficha.</translation>
    </message>
    <message>
        <source>Answer the Questions (what it feels like, what makes it worse) to sort the list again.</source>
        <translation>Responda las Preguntas (cómo se siente, qué lo empeora) para ordenar la lista de nuevo.</translation>
    </message>
    <message>
        <source>Mark an area (M) to touch several spots. Start again (Ctrl+N) clears it all for the next person.</source>
        <translation>Marcar una zona (M) permite tocar varios puntos. Empezar de nuevo (Ctrl+N) lo borra todo para la siguiente persona.</translation>
    </message>
    <message>
        <source>From a source: pick a disc, a nerve or a condition to see every place it can send pain or strain.</source>
        <translation>Desde una causa: elija un disco, un nervio o un problema de salud para ver todos los lugares a los que puede enviar dolor o carga.</translation>
    </message>
    <message>
        <source>Urgent signs (U) lists the signs that need care now.</source>
        <translation>Señales urgentes (U) muestra las señales que necesitan atención ya.</translation>
    </message>
    <message>
        <source>Drag to turn the body and scroll to zoom. The buttons at the top show the front, the back, the sides and the soles.</source>
        <translation>Arrastre para girar el cuerpo y use la rueda para acercar. Los botones de arriba muestran el frente, la espalda, los lados y las plantas.</translation>
    </message>
    <message>
        <source>Handout (Ctrl+P) makes a sheet to print or save. File, Save image saves a picture of the view. File, Save this view keeps the view under a name, to open again later.</source>
        <translation>Hoja para el paciente (Ctrl+P) hace una hoja para imprimir o guardar. Archivo, Guardar imagen guarda una imagen de la vista. Archivo, Guardar esta vista guarda la vista con un nombre, para abrirla más tarde.</translation>
    </message>
    <message>
        <source>Larger text: Ctrl and =. Smaller text: Ctrl and −.</source>
        <translation>Texto más grande: Ctrl y =. Texto más pequeño: Ctrl y −.</translation>
    </message>
    <message>
        <source>The app explains possible causes. It is not a diagnosis: a clinician can examine and tell.</source>
        <translation>La aplicación explica posibles causas. No es un diagnóstico: un profesional de la salud puede examinarle y decirle.</translation>
    </message>
    <message>
        <source>How to use Referral Atlas</source>
        <translation>Cómo usar Referral Atlas</translation>
    </message>
    <message>
        <source>How to use</source>
        <translation>Cómo usarlo</translation>
    </message>
    <message>
        <source>Keyboard keys</source>
        <translation>Teclas del teclado</translation>
    </message>
</context>
<context>
    <name>HistoryControl</name>
    <message>
        <source>Go back to what was shown before</source>
        <translation>Volver a lo que se mostraba antes</translation>
    </message>
    <message>
        <source>Go forward again</source>
        <translation>Avanzar de nuevo</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Adelante</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>Turn the body</source>
        <translation>Girar el cuerpo</translation>
    </message>
    <message>
        <source>Zoom in and out</source>
        <translation>Acercar y alejar</translation>
    </message>
    <message>
        <source>Next and previous control</source>
        <translation>Control siguiente y anterior</translation>
    </message>
</context>
<context>
    <name>KioskCards</name>
    <message>
        <source>What it may be</source>
        <translation>Qué puede ser</translation>
    </message>
    <message>
        <source>What helps</source>
        <translation>Qué ayuda</translation>
    </message>
    <message>
        <source>When to get help</source>
        <translation>Cuándo pedir ayuda</translation>
    </message>
</context>
<context>
    <name>KioskPages</name>
    <message>
        <source>When to get help now</source>
        <translation>Cuándo buscar ayuda ya</translation>
    </message>
    <message>
        <source>Touch where it hurts</source>
        <translation>Toque donde le duele</translation>
    </message>
    <message>
        <source>Touch the body on the screen. Turn it with one finger. Pinch with two fingers to zoom.</source>
        <translation>Toque el cuerpo en la pantalla. Gírelo con un dedo. Junte o separe dos dedos para acercar.</translation>
    </message>
    <message>
        <source>Touch the screen to start.</source>
        <translation>Toque la pantalla para empezar.</translation>
    </message>
    <message>
        <source>This is education, not a diagnosis. A clinician can examine you and tell.</source>
        <translation>Esto es educación, no un diagnóstico. Un profesional de la salud puede examinarle y decírselo.</translation>
    </message>
    <message>
        <source>Front view</source>
        <translation>Vista de frente</translation>
    </message>
    <message>
        <source>Back view</source>
        <translation>Vista de espalda</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>What it may be (tap one):</source>
        <translation>Qué podría ser (toque una):</translation>
    </message>
    <message>
        <source>Read it to me</source>
        <translation>Léamelo en voz alta</translation>
    </message>
    <message>
        <source>Print this page</source>
        <translation>Imprimir esta página</translation>
    </message>
    <message>
        <source>Do you have one of these now? Tap it:</source>
        <translation>¿Tiene ahora alguna de estas? Tóquela:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>You touched {0}.</source>
        <translation>Usted tocó {0}.</translation>
    </message>
    <message>
        <source>Tap a name to read more.</source>
        <translation>Toque un nombre para leer más.</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Dejar de leer</translation>
    </message>
    <message>
        <source>Touch the skin of the body where it hurts.</source>
        <translation>Toque la piel del cuerpo donde le duele.</translation>
    </message>
    <message>
        <source>Your page is printing. Ask at the front desk for it.</source>
        <translation>Su hoja se está imprimiendo. Pídala en la recepción.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Referral Atlas</source>
        <translation>Atlas del dolor referido</translation>
    </message>
    <message>
        <source>The body in 3D</source>
        <translation>El cuerpo en 3D</translation>
    </message>
    <message>
        <source>Touch where it hurts. Turn it with one finger.</source>
        <translation>Toque donde le duele. Gírelo con un dedo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Front</source>
        <translation>Frente</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Espalda</translation>
    </message>
    <message>
        <source>Left side</source>
        <translation>Lado izquierdo</translation>
    </message>
    <message>
        <source>Right side</source>
        <translation>Lado derecho</translation>
    </message>
    <message>
        <source>Soles</source>
        <translation>Plantas</translation>
    </message>
    <message>
        <source>Skin</source>
        <translation>Piel</translation>
    </message>
    <message>
        <source>Bones</source>
        <translation>Huesos</translation>
    </message>
    <message>
        <source>Muscles</source>
        <translation>Músculos</translation>
    </message>
    <message>
        <source>Nerves</source>
        <translation>Nervios</translation>
    </message>
    <message>
        <source>Discs, joints, bursa</source>
        <translation>Discos, articulaciones, bolsa</translation>
    </message>
    <message>
        <source>No map</source>
        <translation>Sin mapa</translation>
    </message>
    <message>
        <source>Map:</source>
        <translation>Mapa:</translation>
    </message>
    <message>
        <source>Referral Atlas</source>
        <translation>Atlas del dolor referido</translation>
    </message>
    <message>
        <source>The body in 3D</source>
        <translation>El cuerpo en 3D</translation>
    </message>
    <message>
        <source>Click where it hurts; drag to turn, scroll to zoom. Keys: the arrows turn the body, + and − zoom, P chooses the place from a list.</source>
        <translation>Haga clic donde le duele; arrastre para girar y use la rueda para acercar. Teclas: las flechas giran el cuerpo, + y − acercan y alejan, P elige el lugar de una lista.</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <source>Search and go back</source>
        <translation>Buscar y volver</translation>
    </message>
    <message>
        <source>How to use and keys</source>
        <translation>Cómo usarlo y teclas</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>What could it be?</source>
        <translation>¿Qué podría ser?</translation>
    </message>
    <message>
        <source>Touch the skin of the body to ask what could hurt there.</source>
        <translation>Toque la piel del cuerpo para preguntar qué podría doler ahí.</translation>
    </message>
    <message>
        <source>Nothing there to pick: point at a bone, disc, joint or nerve.</source>
        <translation>No hay nada que elegir ahí: señale un hueso, disco, articulación o nervio.</translation>
    </message>
    <message>
        <source>You picked {0}</source>
        <translation>Usted eligió {0}</translation>
    </message>
    <message>
        <source>; the atlas has no pain pathways that start there.</source>
        <translation>; el atlas no tiene vías de dolor que empiecen ahí.</translation>
    </message>
    <message>
        <source>: where {0} can send pain or strain.</source>
        <translation>: adonde {0} puede llevar dolor o sobrecarga.</translation>
    </message>
    <message>
        <source>Area mode: touch or stroke over every place that hurts.</source>
        <translation>Modo zona: toque o recorra cada lugar que le duele.</translation>
    </message>
    <message>
        <source>Touch one spot at a time.</source>
        <translation>Toque un punto cada vez.</translation>
    </message>
</context>
<context>
    <name>MoveControls</name>
    <message>
        <source>See how it moves</source>
        <translation>Ver cómo se mueve</translation>
    </message>
    <message>
        <source>Stop moving</source>
        <translation>Parar el movimiento</translation>
    </message>
</context>
<context>
    <name>NameTag</name>
    <message>
        <source>Name under the pointer</source>
        <translation>Nombre de lo que hay bajo el puntero</translation>
    </message>
</context>
<context>
    <name>OutOfOrderWindow</name>
    <message>
        <source>Out of order</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>Sorry, this screen is not working right now. Please tell the front desk.</source>
        <translation>Lo sentimos, esta pantalla no funciona ahora. Avise en la recepción, por favor.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>That PIN is wrong.</source>
        <translation>Ese PIN no es correcto.</translation>
    </message>
    <message>
        <source>Try again in {0} s.</source>
        <translation>Vuelva a intentarlo en {0} s.</translation>
    </message>
    <message>
        <source>Try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
</context>
<context>
    <name>PoseControl</name>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>See the skeleton move: from standing normally to the pose and back</source>
        <translation>Ver moverse el esqueleto: de estar de pie normal a la postura, y vuelta</translation>
    </message>
    <message>
        <source>How far into the pose: standing normally to the full pose</source>
        <translation>Cuánto de la postura: de estar de pie normal a la postura completa</translation>
    </message>
    <message>
        <source>The steps of the movement</source>
        <translation>Los pasos del movimiento</translation>
    </message>
    <message>
        <source>How it moves: {0}</source>
        <translation>Cómo se mueve: {0}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
</context>
<context>
    <name>QuestionsTab</name>
    <message>
        <source>What does it feel like?</source>
        <translation>¿Cómo se siente?</translation>
    </message>
    <message>
        <source>What makes it worse?</source>
        <translation>¿Qué lo empeora?</translation>
    </message>
    <message>
        <source>Can you …? (weakness)</source>
        <translation>¿Puede usted…? (debilidad)</translation>
    </message>
    <message>
        <source>Urgent signs</source>
        <translation>Señales urgentes</translation>
    </message>
</context>
<context>
    <name>QuizPanel</name>
    <message>
        <source>Finish: check my touches</source>
        <translation>Terminar: revisar mis toques</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Siguiente pregunta</translation>
    </message>
    <message>
        <source>The card that explains the answer</source>
        <translation>La ficha que explica la respuesta</translation>
    </message>
    <message>
        <source>Score per topic: this round · all days</source>
        <translation>Puntuación por tema: esta ronda · todos los días</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>Nueva ronda</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>Mi progreso</translation>
    </message>
    <message>
        <source>Every topic&apos;s questions by box: how well each is known, over all days</source>
        <translation>Las preguntas de cada tema por caja: cuánto las domina, en todos los días</translation>
    </message>
    <message>
        <source>Reset my progress</source>
        <translation>Borrar mi progreso</translation>
    </message>
    <message>
        <source>Forget every answer so far and start again</source>
        <translation>Olvidar todas las respuestas hasta ahora y empezar de nuevo</translation>
    </message>
    <message>
        <source>Making the questions from the atlas …</source>
        <translation>Preparando las preguntas a partir del atlas…</translation>
    </message>
    <message>
        <source>Question {0} of {1} · {2}</source>
        <translation>Pregunta {0} de {1} · {2}</translation>
    </message>
    <message>
        <source>{0} questions planned + {1} asked again because they were missed (a missed question comes back after {2} others, at most {3} times).</source>
        <translation>{0} preguntas previstas + {1} repetidas porque se fallaron (una pregunta fallada vuelve después de otras {2}, como mucho {3} veces).</translation>
    </message>
    <message>
        <source>A round has {0} questions. A missed question comes back after {1} others (at most {2} times), so a round can grow.</source>
        <translation>Una ronda tiene {0} preguntas. Una pregunta fallada vuelve después de otras {1} (como mucho {2} veces), así que la ronda puede alargarse.</translation>
    </message>
    <message>
        <source>Asked again: you missed it earlier in this round.</source>
        <translation>Otra vez: la falló antes en esta ronda.</translation>
    </message>
    <message>
        <source>Answer, and the card that explains it shows here.</source>
        <translation>Responda, y aquí aparecerá la ficha que lo explica.</translation>
    </message>
    <message>
        <source>Click (or tap) the skin of the body. Drag to turn it.</source>
        <translation>Haga clic (o toque) en la piel del cuerpo. Arrastre para girarlo.</translation>
    </message>
    <message>
        <source>Click every area on the body, then press Finish. Drag to turn it. A touch within {0} cm of an area it reaches is not held against you.</source>
        <translation>Haga clic en cada zona del cuerpo y luego pulse Terminar. Arrastre para girarlo. Un toque a menos de {0} cm de una zona a la que llega no cuenta en contra.</translation>
    </message>
    <message>
        <source>Open the card {0} in the sources panel</source>
        <translation>Abrir la ficha {0} en el panel de causas</translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation>Nada que repasar</translation>
    </message>
    <message>
        <source>This round, per topic</source>
        <translation>Esta ronda, por tema</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Right first time</source>
        <translation>Bien a la primera</translation>
    </message>
    <message>
        <source>Cards to review</source>
        <translation>Fichas para repasar</translation>
    </message>
    <message>
        <source>Box {0}</source>
        <translation>Caja {0}</translation>
    </message>
    <message>
        <source>A right answer moves a question up a box; a miss sends it back to box 1. Box 2 comes back after a day, box 3 after 3 days, box 4 after a week, box 5 after 3 weeks.</source>
        <translation>Una respuesta correcta sube la pregunta una caja; un fallo la devuelve a la caja 1. La caja 2 vuelve al cabo de un día, la 3 a los 3 días, la 4 a la semana y la 5 a las 3 semanas.</translation>
    </message>
    <message>
        <source>My progress over the days</source>
        <translation>Mi progreso a lo largo de los días</translation>
    </message>
    <message>
        <source>Never asked</source>
        <translation>Sin preguntar aún</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Toca repasar ya</translation>
    </message>
    <message>
        <source>The lit spot is marked on the body.</source>
        <translation>El punto iluminado está marcado en el cuerpo.</translation>
    </message>
    <message>
        <source>The lit areas are on the body (yellow).</source>
        <translation>Las zonas iluminadas están en el cuerpo (amarillo).</translation>
    </message>
    <message>
        <source>What it asks about is lit on the body (yellow).</source>
        <translation>Lo que se pregunta está iluminado en el cuerpo (amarillo).</translation>
    </message>
    <message>
        <source>Finish: check my {0} touches</source>
        <translation>Terminar: revisar mis {0} toques</translation>
    </message>
    <message>
        <source>The answer is lit on the body (teal).</source>
        <translation>La respuesta está iluminada en el cuerpo (verde azulado).</translation>
    </message>
    <message>
        <source>Read more in the card below: {0}.</source>
        <translation>Más información en la ficha de abajo: {0}.</translation>
    </message>
    <message>
        <source>Show this card in the sources panel</source>
        <translation>Ver esta ficha en el panel de causas</translation>
    </message>
    <message>
        <source>Round over: {0} of {1} right at the first try.</source>
        <translation>Fin de la ronda: {0} de {1} correctas al primer intento.</translation>
    </message>
    <message>
        <source>Missed questions come back in a later round. Press New round to go on.</source>
        <translation>Las preguntas falladas vuelven en otra ronda. Pulse Nueva ronda para seguir.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search: sciatica, heel, slipped disc … (Ctrl+F)</source>
        <translation>Buscar: ciática, talón, hernia discal… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>afección</translation>
    </message>
    <message>
        <source>place on the body</source>
        <translation>lugar del cuerpo</translation>
    </message>
    <message>
        <source>nerve</source>
        <translation>nervio</translation>
    </message>
    <message>
        <source>body part</source>
        <translation>parte del cuerpo</translation>
    </message>
    <message>
        <source>card</source>
        <translation>ficha</translation>
    </message>
</context>
<context>
    <name>SourceCard</name>
    <message>
        <source>less likely here</source>
        <translation>menos probable aquí</translation>
    </message>
    <message>
        <source>explains {0}% of the area</source>
        <translation>explica el {0}% de la zona</translation>
    </message>
</context>
<context>
    <name>SourcesTab</name>
    <message>
        <source>Possible sources</source>
        <translation>Posibles causas</translation>
    </message>
    <message>
        <source>Best fit first. The arrow keys choose one; Enter turns the body toward it.</source>
        <translation>La que mejor encaja, primero. Las flechas eligen una; Intro gira el cuerpo hacia ella.</translation>
    </message>
    <message>
        <source>Card of the chosen source</source>
        <translation>Ficha de la causa elegida</translation>
    </message>
    <message>
        <source>Match {0}</source>
        <translation>Coincidencia {0}</translation>
    </message>
</context>
<context>
    <name>SpotPicker</name>
    <message>
        <source>Choose a place</source>
        <translation>Elegir un lugar</translation>
    </message>
    <message>
        <source>Type to narrow the list: heel, shin, buttock …</source>
        <translation>Escriba para acotar la lista: talón, espinilla, nalga…</translation>
    </message>
    <message>
        <source>Narrow the list of places</source>
        <translation>Acotar la lista de lugares</translation>
    </message>
    <message>
        <source>Places on the body</source>
        <translation>Lugares del cuerpo</translation>
    </message>
    <message>
        <source>&amp;Where does it hurt?</source>
        <translation>¿Dó&amp;nde le duele?</translation>
    </message>
    <message>
        <source>Side:</source>
        <translation>Lado:</translation>
    </message>
    <message>
        <source>&amp;Right</source>
        <translation>&amp;Derecho</translation>
    </message>
    <message>
        <source>&amp;Left</source>
        <translation>&amp;Izquierdo</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Show what could hurt there, as a touch would</source>
        <translation>Mostrar qué podría doler allí, igual que al tocar</translation>
    </message>
    <message>
        <source>Add to the marked places</source>
        <translation>Añadir a los lugares marcados</translation>
    </message>
    <message>
        <source>Keep the places already marked and add this one (as Shift+click)</source>
        <translation>Mantener los lugares ya marcados y añadir este (como Mayús+clic)</translation>
    </message>
    <message>
        <source>No place matches “{0}”. Try another word, or clear the box to see every place.</source>
        <translation>Ningún lugar coincide con «{0}». Pruebe otra palabra o borre el cuadro para ver todos los lugares.</translation>
    </message>
</context>
<context>
    <name>StaffMenu</name>
    <message>
        <source>Staff menu (this session only)</source>
        <translation>Menú del personal (solo esta sesión)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Report a content error in “{0}”</source>
        <translation>Informar de un error de contenido en «{0}»</translation>
    </message>
    <message>
        <source>No card shown</source>
        <translation>No se muestra ninguna ficha</translation>
    </message>
    <message>
        <source>Leave the kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <source>Printing: on</source>
        <translation>Impresión: activada</translation>
    </message>
    <message>
        <source>Printing: off</source>
        <translation>Impresión: desactivada</translation>
    </message>
    <message>
        <source>Printing: on, to {0}</source>
        <translation>Impresión: activada, en {0}</translation>
    </message>
    <message>
        <source>Printing: on, but no printer found</source>
        <translation>Impresión: activada, pero no hay impresora</translation>
    </message>
    <message>
        <source>“Still there?” after {0} s untouched, then {1} s to answer</source>
        <translation>«¿Sigue ahí?» tras {0} s sin tocar; luego {1} s para responder</translation>
    </message>
    <message>
        <source>Reported. Thank you.</source>
        <translation>Informado. Gracias.</translation>
    </message>
</context>
<context>
    <name>StillTherePrompt</name>
    <message>
        <source>Still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <source>Yes, I am still here</source>
        <translation>Sí, sigo aquí</translation>
    </message>
    <message>
        <source>The screen starts again in {0} s.</source>
        <translation>La pantalla vuelve a empezar en {0} s.</translation>
    </message>
</context>
<context>
    <name>StudyMode</name>
    <message>
        <source>Reset my progress</source>
        <translation>Borrar mi progreso</translation>
    </message>
    <message>
        <source>Study tools</source>
        <translation>Herramientas de estudio</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>Touch the skin of the body to answer.</source>
        <translation>Toque la piel del cuerpo para responder.</translation>
    </message>
    <message>
        <source>◀ Back to the quiz (question {0})</source>
        <translation>◀ Volver al cuestionario (pregunta {0})</translation>
    </message>
    <message>
        <source>Forget every answer so far? Your scores start again from nothing.</source>
        <translation>¿Olvidar todas las respuestas hasta ahora? Sus puntuaciones vuelven a empezar desde cero.</translation>
    </message>
    <message>
        <source>Your progress was reset.</source>
        <translation>Se borró su progreso.</translation>
    </message>
    <message>
        <source>Click a bone, nerve, muscle or joint to isolate it.</source>
        <translation>Haga clic en un hueso, nervio, músculo o articulación para aislarlo.</translation>
    </message>
    <message>
        <source>{0} alone. Step back out to see everything.</source>
        <translation>Solo {0}. Pulse «Volver a ver todo» para ver el resto.</translation>
    </message>
    <message>
        <source>Following the {0}: from its roots to the skin it supplies.</source>
        <translation>Siguiendo el {0}: desde sus raíces hasta la piel que inerva.</translation>
    </message>
    <message>
        <source>The whole body is back in view.</source>
        <translation>Se ve de nuevo todo el cuerpo.</translation>
    </message>
</context>
<context>
    <name>TextSize</name>
    <message>
        <source>Larger text</source>
        <translation>Texto más grande</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Texto más pequeño</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>Tamaño de texto normal</translation>
    </message>
    <message>
        <source>Text size {0}%</source>
        <translation>Tamaño del texto {0} %</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <source>High contrast: white and yellow on black, thick focus rings ({0})</source>
        <translation>Alto contraste: blanco y amarillo sobre negro, marcos de foco gruesos ({0})</translation>
    </message>
    <message>
        <source>High contrast on</source>
        <translation>Alto contraste activado</translation>
    </message>
    <message>
        <source>High contrast off</source>
        <translation>Alto contraste desactivado</translation>
    </message>
</context>
<context>
    <name>ToolsPanel</name>
    <message>
        <source>Every layer</source>
        <translation>Todas las capas</translation>
    </message>
    <message>
        <source>Bones alone</source>
        <translation>Solo los huesos</translation>
    </message>
    <message>
        <source>Nerves alone</source>
        <translation>Solo los nervios</translation>
    </message>
    <message>
        <source>Muscles alone</source>
        <translation>Solo los músculos</translation>
    </message>
    <message>
        <source>Discs and joints alone</source>
        <translation>Solo discos y articulaciones</translation>
    </message>
    <message>
        <source>Show one system alone</source>
        <translation>Mostrar un solo sistema</translation>
    </message>
    <message>
        <source>Isolate: pick a structure</source>
        <translation>Aislar: elija una estructura</translation>
    </message>
    <message>
        <source>Then click a bone, nerve, muscle or joint: the rest fades</source>
        <translation>Después haga clic en un hueso, nervio, músculo o articulación: el resto se atenúa</translation>
    </message>
    <message>
        <source>Follow a nerve …</source>
        <translation>Seguir un nervio…</translation>
    </message>
    <message>
        <source>Follow a nerve from root to skin</source>
        <translation>Seguir un nervio desde la raíz hasta la piel</translation>
    </message>
    <message>
        <source>Step back out</source>
        <translation>Volver a ver todo</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Todas las etiquetas</translation>
    </message>
    <message>
        <source>Name every structure in view</source>
        <translation>Nombrar cada estructura a la vista</translation>
    </message>
    <message>
        <source>Peel the body</source>
        <translation>Quitar capas al cuerpo</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Nerve:</source>
        <translation>Nervio:</translation>
    </message>
</context>
<context>
    <name>WindowFit</name>
    <message>
        <source>More: the buttons that do not fit</source>
        <translation>Más: los botones que no caben</translation>
    </message>
</context>
</TS>

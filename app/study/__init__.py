"""Student self-study, Qt-free: quiz questions generated from the content, a Leitner schedule and the
progress file (issue 10). The study window (app/ui) shows these; nothing here imports Qt or VTK.

- `questions`: `generate(knowledge, skin, seed)` -> `Question`s with `check(answer) -> Feedback`;
- `skin`: `SkinSample`, the plain data the scene hands over about labelled skin points;
- `schedule`: Leitner boxes and the `Progress` record (pydantic, versioned);
- `store`: `ProgressStore(folder)`: load, save (atomic), reset; corrupt files are set aside;
- `session`: `StudySession`: what to ask next, missed items back after a few others, score per topic.
"""

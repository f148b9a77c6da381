"""Student self-study, Qt-free: quiz questions generated from the content, a Leitner schedule and the
progress file. The study window (app/ui) shows these; nothing here imports Qt or VTK.

- `questions`: `QuestionBank(knowledge).generate(skin, seed)` -> every question the content supports;
- `items`: a `Question` and its answer key: `check(answer) -> Feedback`;
- `spine_or_hip`: `ClearCases`, the slow part of a bank (made once per bank, a ranking a step);
- `skin`: `SkinSample`, the plain data the scene hands over about labelled skin points;
- `schedule`: Leitner boxes and the `Progress` record (pydantic, versioned);
- `store`: `ProgressStore(folder)`: load, save (atomic), reset; corrupt files are set aside;
- `session`: `StudySession`: what to ask next, missed items back after a few others, score per topic.
"""

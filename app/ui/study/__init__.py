"""Student self-study in the window: the quiz panel, the study tools (one system alone,
isolate, follow a nerve, all labels) and names on hover. `StudyMode` builds what the mode's spec
allows; the main window calls it once and hands it the touches it does not answer itself."""

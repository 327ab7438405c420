"""Care feedback and the quality export: patients share feedback about their care (and may
let their published forum posts be used too); each text is tagged for sentiment, themes and
criticality when it is written; the care quality team downloads a de-identified export and
reads a dashboard drawn from the same rows."""

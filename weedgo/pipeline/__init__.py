"""The chat pipeline: analysis, search, prompt, guard, pitches, quick replies."""

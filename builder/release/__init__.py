"""The release stage: agreement, adjudication and a versioned Hugging Face dataset folder.

Modules are plain functions over records (`agreement`, `adjudication`, `splits`, `tables`, `features`,
`card`); file and git I/O live at the edges (`inputs`, `writer`, `repo`, `publish`).
"""

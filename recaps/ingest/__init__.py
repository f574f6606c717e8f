"""Ingest: raw recap text (English or Italian) in, a draft front-matter Markdown file out.

One module per concern: `source` (bytes to text), `layout` (paragraphs, headings,
sentences), `language`, `cues` (the words of each language that say what a
score is), `dates`, `teams` (names in the text), `scores` (results), `events`
(goals and cards), `site` (what content/ already reports), `draft` (putting it
together) and `command` (the command line). Nothing here is imported by a build.
"""

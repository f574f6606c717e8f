"""The live preview (`python build.py serve`): an incremental build into a
temporary folder (`builder`), a file watcher (`watcher`), a web server with
livereload's browser side (`server`), and the command that joins them
(`command`). Imported only when the serve command runs."""

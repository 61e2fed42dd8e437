"""The reader's own reading of an article, kept between runs: corrections to the outline, notes,
bookmarks, the reading position (`model`), the SQLite store they live in (`store`), and the
corrected outline they give (`apply`). Pure: no Textual."""

/* georepd: text from outside (an SSH server, gluster's output, gsyncd's
 * status files, JSON) made fit for D-Bus, a log line and the store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest message georepd passes on from outside, in bytes. */
#define GR_TEXT_MESSAGE_MAX 1024

/* A copy of @text that is valid UTF-8 (invalid bytes become U+FFFD), has
 * no control character (C0, C1, DEL, U+2028, U+2029, the bidi embeddings,
 * overrides and isolates: each becomes a space) and at most @max bytes
 * (cut at a character boundary, ending in "…" when cut). NULL for NULL.
 * @max must be at least 4. */
char *gr_text_clean (const char *text, gsize max);

/* Like gr_text_clean() for @len bytes that may hold NUL bytes. */
char *gr_text_clean_len (const char *text, gsize len, gsize max);

/* TRUE when @text is what gr_text_clean (@text, @max) would return. */
gboolean gr_text_is_clean (const char *text, gsize max);

/* JSON text that json-glib can parse whenever @data is JSON but for its
 * strings: invalid UTF-8 becomes U+FFFD, and so does a \uD800-\uDFFF
 * escape that is not half of a pair (Python writes those for bytes that
 * are not UTF-8). @len bytes in; *@out_len bytes out, NUL-terminated. */
char *gr_text_json_fix (const char *data, gsize len, gsize *out_len);

G_END_DECLS

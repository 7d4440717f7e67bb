/* georepd: what Verify learns of one file on one side, and the line that
 * carries it from the digest helpers (georepd-verify-helper on this node,
 * the remote script of gr-ssh-verify.c on the secondary host).
 *
 * A line is "KIND SIZE DIGEST", then for the helper's own listing a tab
 * and the path: KIND is file, symlink, missing, other or unreadable; SIZE
 * in bytes (0 but for files); DIGEST the SHA-256 of the contents in hex
 * (of a symlink: of its target and a newline), "-" when none. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Paths Verify accepts: relative to the volume's root, without "..", "."
 * or empty components, without control characters, at most this long. */
#define GR_VERIFY_PATH_MAX 4096

typedef enum {
  GR_FILE_KIND_FILE,
  GR_FILE_KIND_SYMLINK,
  GR_FILE_KIND_MISSING,
  GR_FILE_KIND_OTHER,
  GR_FILE_KIND_UNREADABLE,
} GrFileKind;

typedef struct {
  char *path; /* NULL on the secondary's side: lines come in order */
  GrFileKind kind;
  guint64 size;
  char *digest; /* 64 hex digits; NULL when none */
} GrFileDigest;

void gr_file_digest_free (GrFileDigest *digest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrFileDigest, gr_file_digest_free)

const char *gr_file_kind_to_string (GrFileKind kind);

/* Parses one line; NULL (with InvalidArgument... never for the caller:
 * Failed) when it is not one. @with_path: the line ends in a tab and a
 * path. */
GrFileDigest *
gr_file_digest_parse (const char *line, gboolean with_path, GError **error);
/* The line for @digest (without newline). */
char *gr_file_digest_format (const GrFileDigest *digest);

/* Validates a caller's path and returns it without leading '/'. */
char *gr_verify_path_normalize (const char *path, GError **error);

/* Parses the helper's or the remote script's output: digest lines
 * (@with_path) and a last line "end REASON"; *@end is REASON. */
GPtrArray *gr_verify_parse_digests (const char *output,
                                    gboolean with_path,
                                    char **end,
                                    GError **error);

G_END_DECLS

/* georepd: the primary's side of Verify, read by georepd-verify-helper
 * (service/verify/georepd-verify-helper.c) in a private mount namespace. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *volume;
  char **paths; /* NULL: a sample (see the helper) */
  guint max_files;
  gint64 not_after; /* sample only files changed up to then, Unix seconds */
  guint timeout;    /* seconds */
} GrLocalDigestRequest;

/* The helper beside the running georepd (both live in libexecdir, and
 * side by side in the build tree). */
char *gr_verify_helper_path (void);

void gr_verify_local_digests_async (const GrLocalDigestRequest *request,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
/* GrFileDigest * with paths, in the helper's order; *@end: how the
 * helper ended (complete, scan-limit or time-limit). */
GPtrArray *gr_verify_local_digests_finish (GAsyncResult *result,
                                           char **end,
                                           GError **error);

G_END_DECLS

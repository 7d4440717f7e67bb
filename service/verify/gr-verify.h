/* georepd: Verify from start to verdict: the primary's digests on this
 * node (gr-verify-local.h), the same files' on the secondary host
 * (gr-ssh-verify.h), then the comparison (gr-verify-compare.h). */
#pragma once

#include "gr-ssh.h"
#include "gr-verify-compare.h"

G_BEGIN_DECLS

#define GR_VERIFY_DEFAULT_MAX_FILES 100
#define GR_VERIFY_MAX_FILES 10000
#define GR_VERIFY_DEFAULT_TIMEOUT 120
#define GR_VERIFY_MAX_TIMEOUT 3600

typedef struct {
  const char *primary_volume;
  const char *secondary_volume;
  const GrSshTarget *secondary_root; /* root on the secondary host */
  char **paths;                      /* normalized; NULL: a sample */
  guint max_files;
  guint timeout;    /* seconds, for each side */
  gint64 not_after; /* sample: files changed up to then */
} GrVerifyRequest;

void gr_verify_run_async (const GrVerifyRequest *request,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
GrVerifyResult *gr_verify_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS

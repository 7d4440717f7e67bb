/* georepd: the secondary's side of Verify, over a root destination. */
#pragma once

#include "gr-ssh.h"

G_BEGIN_DECLS

/* Mounts @volume read-only in a private mount namespace on the target
 * host (root only) and returns the digest of each of @paths (relative,
 * already validated by gr_verify_path_normalize()), in order: a
 * GPtrArray of GrFileDigest * without paths (gr-verify-digest.h). */
void gr_ssh_remote_digests_async (const GrSshTarget *target,
                                  const char *volume,
                                  GPtrArray *paths,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
GPtrArray *gr_ssh_remote_digests_finish (GAsyncResult *result, GError **error);

G_END_DECLS

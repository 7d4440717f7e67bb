/* georepd: what CheckSecondary needs to know from a destination, asked
 * over one key login (gr-ssh.h) with constant commands; the secondary
 * volume's name travels on stdin and is validated (gr-validate.h) first.
 *
 * Emptiness and size are found out as gluster's own create check does
 * (gverify.sh): mount the volume, look for an entry other than .trashcan
 * at its top, and ask df. Here the mount is made on the destination, so
 * it needs root there; for another user the answer says "not-root" and
 * the size comes from `gluster volume status VOL detail` instead. The
 * answers are GrSecondaryFacts (gr-secondary-check.h). */
#pragma once

#include "gr-secondary-check.h"
#include "gr-ssh.h"

G_BEGIN_DECLS

/* Logs in with target->identity (host key verified as always) and asks.
 * FALSE with the login's error (AUTHENTICATION_FAILED, HOST_UNREACHABLE,
 * TIMEDOUT, HOST_KEY_MISMATCH, …) when it cannot log in, or
 * INVALID_ARGUMENT for an invalid volume name; a command that fails only
 * leaves its field unknown. Blocking: run it off the main loop. */
GrSecondaryFacts *gr_ssh_probe_secondary (const GrSshTarget *target,
                                          const char *volume,
                                          GError **error);

/* The same in a GTask thread; target and volume are copied. */
void gr_ssh_probe_secondary_async (const GrSshTarget *target,
                                   const char *volume,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
GrSecondaryFacts *gr_ssh_probe_secondary_finish (GAsyncResult *result,
                                                 GError **error);

G_END_DECLS

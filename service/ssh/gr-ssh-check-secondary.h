/* georepd: the whole of CheckSecondary below the D-Bus object: this
 * node's side asked through the gluster CLI runner (gr-gluster.h), the
 * destination's through one key login (gr-ssh-secondary.h), and the
 * findings computed from both (gr-secondary-check.h). */
#pragma once

#include "gr-gluster.h"
#include "gr-secondary-check.h"
#include "gr-ssh.h"

G_BEGIN_DECLS

/* Checks whether @primary (a volume of this node) can replicate to
 * target->user@target->host::@secondary. @local_version is this node's
 * gluster version ("10.3"), @sessions this node's known sessions
 * (GrSessionStatus *; may be NULL), both read by the caller's model;
 * @root_trust whether georepd has the root destination of the host. The
 * names must be validated already. Never fails for what it finds: a login
 * that does not work is a finding too. */
void gr_check_secondary_async (GrGluster *gluster,
                               const GrSshTarget *target,
                               const char *primary,
                               const char *secondary,
                               const char *local_version,
                               GPtrArray *sessions,
                               gboolean root_trust,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
/* GPtrArray of GrFinding *. */
GPtrArray *gr_check_secondary_finish (GAsyncResult *result, GError **error);

/* Findings as CheckSecondary replies them: a(sss), id, severity, message;
 * floating. */
GVariant *gr_findings_to_variant (GPtrArray *findings);

G_END_DECLS

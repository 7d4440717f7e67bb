/* georepd: when sessions are verified without a caller, and what of it
 * survives a restart.
 *
 * It follows the registry like the destination links do: for each
 * session it restores VerifyInterval and LastVerification from
 * verification.json in the state directory, runs a verification every
 * VerifyInterval seconds and one when a checkpoint completes (setting
 * CheckpointVerification), and saves both properties when they change. */
#pragma once

#include "gr-config.h"
#include "gr-registry.h"

G_BEGIN_DECLS

#define GR_VERIFY_STORE_FILE "verification.json"

typedef struct _GrVerifySchedule GrVerifySchedule;

GrVerifySchedule *gr_verify_schedule_new (const GrConfig *config,
                                          GrRegistry *registry);
void gr_verify_schedule_free (GrVerifySchedule *schedule);

G_END_DECLS

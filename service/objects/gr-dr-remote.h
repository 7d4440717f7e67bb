/* georepd: the steps of Promote and Failback that act on the secondary
 * cluster: gluster commands run as root over the root destination of its
 * host (service/ssh/gr-ssh-gluster.h), and the checks of their effect. */
#pragma once

#include "gr-jobs.h"
#include "gr-ssh.h"

G_BEGIN_DECLS

/* root@HOST (the job's "host") among the destinations, or NULL with
 * NOT_FOUND. */
GrSshTarget *gr_dr_root_target (GrJobObject *job, GError **error);

/* What to do once a remote command succeeded: @output is its stdout. */
typedef void (*GrDrRemoteThen) (GrJobObject *job, const char *output);

/* How the step treats gluster's refusals. */
typedef enum {
  GR_DR_STRICT,
  /* "already …", "not running", "does not exist": what the command was
   * to achieve is there already (a step run again after a restart). */
  GR_DR_DONE_IF_ALREADY,
} GrDrRefusal;

/* Runs `gluster --mode=script --xml WORDS…` as root on the job's "host"
 * and classifies the answer as the local runner does; the cluster lock
 * runs the step again a little later. @then NULL: the step is done. */
void gr_dr_remote (GrJobObject *job,
                   const char *const *words,
                   GrDrRefusal refusal,
                   GrDrRemoteThen then);
/* The same without --xml (`system:: execute`, `volume get`). */
void gr_dr_remote_text (GrJobObject *job,
                        const char *const *words,
                        GrDrRemoteThen then);

/* Sets @key to @value on the job's "volume" there, then reads it back
 * (`volume get`): the step fails unless it now says @value. */
void
gr_dr_remote_set_option (GrJobObject *job, const char *key, const char *value);

/* The value in `gluster volume get VOL KEY`'s table for @key, or NULL. */
char *gr_dr_parse_volume_get (const char *output, const char *key);

/* Fails the step unless the job's "volume" is started there. */
void gr_dr_remote_check_volume (GrJobObject *job);

/* Whether a remote step's @error may pass (no answer, glusterd down or
 * just back): the step then runs again, for up to ten minutes. */
gboolean gr_dr_remote_is_transient (const GError *error);

G_END_DECLS

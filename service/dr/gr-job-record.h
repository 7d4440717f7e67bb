/* georepd: a long operation (a sync window, a promotion, a failback) as
 * data: its steps, where it stands, and what it learned on the way. The
 * state machine lives here, free of D-Bus, so that it can be tested and
 * persisted (gr-job-store.h) as it is; service/objects/gr-job-object.c is
 * its D-Bus face and service/objects/gr-jobs.c runs the steps.
 *
 *   running ──step done──▶ running … ──last step done──▶ completed
 *      │  ╲
 *      │   ╲──a step needs a confirmation──▶ waiting ──Resume(confirm)──▶
 * running ╰──a step failed──▶ failed ──Resume──▶ running (the step again)
 *   running, waiting, failed ──Abort──▶ aborted
 *
 * completed and aborted are final. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_JOB_STATE_RUNNING,
  GR_JOB_STATE_WAITING,
  GR_JOB_STATE_FAILED,
  GR_JOB_STATE_COMPLETED,
  GR_JOB_STATE_ABORTED,
} GrJobState;

const char *gr_job_state_to_string (GrJobState state);
gboolean gr_job_state_parse (const char *text, GrJobState *state);

typedef struct {
  char *id;        /* [0-9]+, unique among the jobs kept */
  char *operation; /* sync-window, promote, failback */
  char *object;    /* D-Bus path of the session or destination */
  char **steps;    /* the step names, in order */
  guint current;   /* index into steps; g_strv_length (steps) once done */
  GrJobState state;
  char *error;        /* why the current step failed; "" */
  char *message;      /* what a waiting job waits for; "" */
  guint64 start_time; /* Unix µs */
  guint64 end_time;   /* Unix µs, 0 while not final */
  /* The job's inputs and what its steps learned (e.g. was-stopped,
   * checkpoint-time): text only, so that the file keeps it as it is. */
  GHashTable *params;
} GrJobRecord;

GrJobRecord *gr_job_record_new (const char *id,
                                const char *operation,
                                const char *object,
                                const char *const *steps);
void gr_job_record_free (GrJobRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrJobRecord, gr_job_record_free)

/* The current step's name, NULL once past the last. */
const char *gr_job_record_current_step (const GrJobRecord *record);
gboolean gr_job_record_is_final (const GrJobRecord *record);

const char *gr_job_record_get (const GrJobRecord *record, const char *key);
void
gr_job_record_set (GrJobRecord *record, const char *key, const char *value);

/* The transitions; each returns FALSE (and changes nothing) when the
 * state does not allow it, with GR_ERROR_INVALID_STATE in @error. */
gboolean gr_job_record_step_done (GrJobRecord *record, GError **error);
gboolean
gr_job_record_fail (GrJobRecord *record, const char *why, GError **error);
gboolean
gr_job_record_wait (GrJobRecord *record, const char *what, GError **error);
/* From waiting or failed back to running, at the current step. */
gboolean gr_job_record_resume (GrJobRecord *record, GError **error);
gboolean gr_job_record_abort (GrJobRecord *record, GError **error);

JsonNode *gr_job_record_to_json (const GrJobRecord *record);
/* NULL when @node is not a job georepd would have written. */
GrJobRecord *gr_job_record_from_json (JsonNode *node);

G_END_DECLS

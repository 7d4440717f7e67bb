/* georepd: the long operations (Job objects at …/jobs/ID): they begin
 * here, run step by step, are saved to the state directory after every
 * transition (gr-job-store.h) and taken up again when georepd starts.
 *
 * An operation (sync-window, promote, failback) is a GrJobOperation
 * (gr-job-object.h): its
 * step names and one function that runs the current step and ends it
 * with gr_job_object_step_done(), gr_job_object_wait() or
 * gr_job_object_poll(). A step may run more than once (after a restart,
 * or a Resume of a failed job): each looks at what is already done. */
#pragma once

#include "gr-job-object.h"
#include "gr-refresh.h"
#include "gr-context.h"
#include "gr-registry.h"

G_BEGIN_DECLS

typedef struct _GrJobs GrJobs;

/* The operations georepd knows (service/objects/gr-dr-*.c). */
extern const GrJobOperation gr_dr_sync_window_operation;
extern const GrJobOperation gr_dr_promote_operation;
extern const GrJobOperation gr_dr_failback_operation;

/* Loads the saved jobs and exports them on @registry's object manager;
 * the jobs that were running go on after @refresher's first full
 * refresh. The registry tells where it is (gr_jobs_get) until it is
 * freed. */
GrJobs *gr_jobs_new (GrContext *context);
void gr_jobs_free (GrJobs *self);
GrJobs *gr_jobs_get (GrRegistry *registry);
GrContext *gr_jobs_get_context (GrJobs *self);
GrRefresher *gr_jobs_get_refresher (GrJobs *self);
GrRegistry *gr_jobs_get_registry (GrJobs *self);

/* Begins @operation on @object_path with @params (text → text, taken)
 * and runs its first step. Busy while another job of @object_path is
 * not final. */
GrJobObject *gr_jobs_begin (GrJobs *self,
                            const GrJobOperation *operation,
                            const char *object_path,
                            GHashTable *params,
                            GError **error);

/* The job of @object_path that is not final, or NULL. */
GrJobObject *gr_jobs_find_active (GrJobs *self, const char *object_path);

/* Called by the Job object (gr-job-object.c) for Resume and Abort. */
gboolean gr_jobs_resume (GrJobs *self,
                         GrJobObject *job,
                         gboolean confirm,
                         GError **error);
gboolean gr_jobs_abort (GrJobs *self, GrJobObject *job, GError **error);

/* Saves every job and updates the Job object's properties. */
void gr_jobs_changed (GrJobs *self, GrJobObject *job);

G_END_DECLS

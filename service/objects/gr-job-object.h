/* georepd: one long operation on D-Bus (…/jobs/ID): a subclass of the
 * generated Job skeleton whose properties mirror its GrJobRecord
 * (service/dr/gr-job-record.h). Its steps run in gr-jobs.c. */
#pragma once

#include "gr-generated.h"
#include "gr-job-record.h"

G_BEGIN_DECLS

typedef struct _GrJobs GrJobs;

#define GR_TYPE_JOB_OBJECT (gr_job_object_get_type ())
G_DECLARE_FINAL_TYPE (GrJobObject, gr_job_object, GR, JOB_OBJECT, GrJobSkeleton)

/* Takes @record. @operation is a const GrJobOperation *. */
GrJobObject *
gr_job_object_new (GrJobs *jobs, GrJobRecord *record, gconstpointer operation);

/* What a job does: its step names, one function that runs the current
 * step (gr-jobs.h tells how it ends one). */
typedef void (*GrJobStepFunc) (GrJobObject *job);

typedef struct {
  const char *name;
  const char *const *steps;
  GrJobStepFunc run_step;
  /* After an abort, or a failure when failure_is_final: puts back what
   * the job changed that must not stay (may be NULL; best effort). */
  GrJobStepFunc cleanup;
  gboolean failure_is_final;
  /* Once the job is final (may be NULL). */
  GrJobStepFunc ended;
} GrJobOperation;

GrJobRecord *gr_job_object_get_record (GrJobObject *self);
gconstpointer gr_job_object_get_operation (GrJobObject *self);
GrJobs *gr_job_object_get_jobs (GrJobObject *self);

/* Installs Resume and Abort in @iface (gr-job-methods.c). The object
 * emits "changed" whenever its record changed; the runner saves then. */
void gr_job_object_iface_init_methods (GrJobIface *iface);
const char *gr_job_object_get_path (GrJobObject *self);
/* The Job properties from the record, and PropertiesChanged now. */
void gr_job_object_sync (GrJobObject *self);

/* A parameter of the job (its record's). */
const char *gr_job_object_get (GrJobObject *self, const char *key);
void gr_job_object_set (GrJobObject *self, const char *key, const char *value);
guint64 gr_job_object_get_uint (GrJobObject *self, const char *key);
void gr_job_object_set_uint (GrJobObject *self, const char *key, guint64 value);

/* How a step ends (gr-jobs.h): done (@error NULL) or failed (@error
 * taken); waiting for a Resume(confirm) with @message; or to run again
 * in @seconds, showing @message. A step whose job was aborted meanwhile
 * ends with nothing happening. */
void gr_job_object_step_done (GrJobObject *self, GError *error);
void gr_job_object_wait (GrJobObject *self, const char *message);
void gr_job_object_poll (GrJobObject *self, guint seconds, const char *message);

/* For gr-jobs.c: runs the current step (after a start, a Resume or a
 * restart); and after an Abort, stops the step's timer and runs the
 * operation's cleanup. */
void gr_job_object_run (GrJobObject *self);
void gr_job_object_aborted (GrJobObject *self);

G_END_DECLS

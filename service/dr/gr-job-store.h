/* georepd: the long operations kept in the state directory (jobs.json),
 * written atomically and durably with mode 0600, like the destinations
 * (service/gr-store.c). Finished jobs are kept, the newest
 * GR_JOB_STORE_KEEP_FINISHED of them, for clients to read how they
 * ended. */
#pragma once

#include "gr-job-record.h"

G_BEGIN_DECLS

#define GR_JOB_STORE_FILE "jobs.json"
#define GR_JOB_STORE_KEEP_FINISHED 20

/* The jobs in @state_dir (GrJobRecord *, oldest first). A missing file is
 * no job; an unreadable or corrupt one is renamed to
 * jobs.json.corrupt-<UTC time> with a warning, and no job is returned. An
 * invalid record alone is skipped with a warning. */
GPtrArray *gr_job_store_load (const char *state_dir);

/* Replaces the file with @jobs (GrJobRecord *), dropping the oldest
 * finished ones beyond GR_JOB_STORE_KEEP_FINISHED from @jobs too. */
gboolean
gr_job_store_save (const char *state_dir, GPtrArray *jobs, GError **error);

/* A job id greater than every id in @jobs. */
char *gr_job_store_next_id (GPtrArray *jobs);

G_END_DECLS

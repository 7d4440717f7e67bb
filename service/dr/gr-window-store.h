/* georepd: the sync windows' schedules and runs of every session,
 * persisted as sync-windows.json in the state directory (atomic, durable,
 * 0600), so that both survive a restart. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GR_WINDOW_STORE_FILE "sync-windows.json"
/* Runs kept per session. */
#define GR_WINDOW_RUNS_MAX 20

typedef struct _GrWindowStore GrWindowStore;

/* A missing or unreadable file is an empty store (the latter with a
 * warning, and moved aside). */
GrWindowStore *gr_window_store_new (const char *state_dir);
void gr_window_store_free (GrWindowStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrWindowStore, gr_window_store_free)

/* The schedule of @label, NULL when none; *@timeout its runs' timeout. */
const char *gr_window_store_get_schedule (GrWindowStore *store,
                                          const char *label,
                                          guint *timeout);
/* @schedule NULL removes it (the runs stay). Saves. */
void gr_window_store_set_schedule (GrWindowStore *store,
                                   const char *label,
                                   const char *schedule,
                                   guint timeout);

/* Appends a run (a{sv}: start, end, result, reason, checkpoint-time,
 * trigger, job; see Session.GetRuns) and drops the oldest beyond
 * GR_WINDOW_RUNS_MAX. Saves. */
void gr_window_store_add_run (GrWindowStore *store,
                              const char *label,
                              GVariant *run);
/* The runs, oldest first, as aa{sv}; members of the wrong type in the
 * file are left out. */
GVariant *gr_window_store_get_runs (GrWindowStore *store, const char *label);
/* The newest run as a{sv}, empty when none. */
GVariant *gr_window_store_get_last_run (GrWindowStore *store,
                                        const char *label);

/* Forgets @label (a deleted session). Saves. */
void gr_window_store_forget (GrWindowStore *store, const char *label);

G_END_DECLS

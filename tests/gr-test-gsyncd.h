/* Integration test helper for a known fault of gsyncd on this platform:
 * a worker's live changelog processing sometimes never delivers (the
 * worker sits Active in Changelog Crawl, syncing nothing, even after
 * georepd restarted it once). The history crawl of a (re)started worker
 * picks up every changelog up to its start, so a restart after the write
 * always brings the data. */
#pragma once

#include "gr-generated.h"

G_BEGIN_DECLS

/* Waits until @session's Status is @status, or fails the test. The proxy's
 * cached properties change only through PropertiesChanged: this waits
 * for the signal. */
void
gr_test_await_status (GrSession *session, const char *status, guint seconds);

/* Stops and starts @session through georepd, waiting for each. */
void gr_test_restart_session (GrSession *session);

/* Waits up to 60 s for @check (@data); then stops and starts @session
 * through georepd, up to three times, waiting 90 s after each start.
 * Returns whether @check became TRUE. */
gboolean gr_test_await_synced (GrSession *session,
                               gboolean (*check) (gpointer),
                               gpointer data);

G_END_DECLS

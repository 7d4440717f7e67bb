/* georepd: structured logging. Events an admin searches the journal for
 * carry a MESSAGE_ID (journalctl MESSAGE_ID=…) and typed fields. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_MESSAGE_SESSION_CREATED "cf7d44a9e9d3486cb65b01eb9552052b"
#define GR_MESSAGE_SESSION_DELETED "ed90f74e2570415a97b18ee2d37a1ad1"
#define GR_MESSAGE_SESSION_STARTED "803f876c770945589f3b1c3069e21960"
#define GR_MESSAGE_SESSION_STOPPED "bbd712bf2fd34117bd425068d949715d"
#define GR_MESSAGE_SESSION_PAUSED "43de8044ee2941cbb002df31434e6846"
#define GR_MESSAGE_SESSION_RESUMED "c066388a561f47c8a391c3262bb34c01"
#define GR_MESSAGE_SESSION_FAULTY "d1d75d150fd143df8648c21c9da53c01"
#define GR_MESSAGE_SESSION_CONFIG_CHANGED "a001d782e8264f65a3b205025b3cd585"
#define GR_MESSAGE_DESTINATION_ADDED "1ba92e8b76e5442a9ab8750059df4b85"
#define GR_MESSAGE_DESTINATION_REMOVED "daafc682ab914c63b3cd79a4a25bbd9e"
#define GR_MESSAGE_KEY_INSTALLED "beb4dd99cfa94551a5362ef05f4435bd"
#define GR_MESSAGE_KEY_REVOKED "c92c637da5a04457add3d9a766136058"
#define GR_MESSAGE_AUTH_DENIED "d350705edafc4e52a5139c4f2a21fac4"
/* Verify found files that differ, or could not compare them. */
#define GR_MESSAGE_VERIFY_MISMATCH "abbcde8b42914d338d8ddb3b115576d2"
#define GR_MESSAGE_VERIFY_FAILED "efdbd47c5aea4f3ca981f783e1655332"
/* The events listener cannot listen (e.g. someone else holds the port). */
#define GR_MESSAGE_EVENTS_LISTEN_FAILED "d98e1462b824446887c4da5c2f1d9c03"
/* A session unhealthy for longer than HealthAlertDelay, and healthy
 * again (service/monitor/gr-health-alert.c). */
#define GR_MESSAGE_SESSION_UNHEALTHY "96dd6ee2c2bd4719a82c1489bceba4ef"
#define GR_MESSAGE_SESSION_HEALTHY "3a9af378bfb347f8839cc2a632404575"
/* A sync window (Session.SetSchedule, RunSyncWindow) failed or was
 * aborted. */
#define GR_MESSAGE_SYNC_WINDOW_FAILED "8637f07984254edfb6b1eeb5d29985ae"
/* A promotion or failback job failed at a step. */
#define GR_MESSAGE_JOB_FAILED "3d71d285c4384b699b62d295285c1492"

/* Journal fields attached to events. */
#define GR_LOG_FIELD_SESSION "GEOREPD_SESSION"
#define GR_LOG_FIELD_DESTINATION "GEOREPD_DESTINATION"
#define GR_LOG_FIELD_ACTION "GEOREPD_ACTION"
#define GR_LOG_FIELD_HEALTH_PROBLEM "GEOREPD_HEALTH_PROBLEM"

/* Route GLib logging to the journal (libsystemd) when stderr is connected
 * to it, to stderr otherwise. @verbose enables debug messages. */
void gr_log_setup (gboolean verbose);

/* syslog's priority for a GLib level, as the journal records it. */
int gr_log_priority (GLogLevelFlags level);

struct iovec;
/* The journal entry of one message: PRIORITY, then every field as
 * "KEY=value" in @iov (at most @n_iov entries; the strings are kept in
 * @storage, a GPtrArray that frees them). Returns the entries used. */
gsize gr_log_fields_to_iovec (GLogLevelFlags level,
                              const GLogField *fields,
                              gsize n_fields,
                              GPtrArray *storage,
                              struct iovec *iov,
                              gsize n_iov);

/* Logs an event about one object (@field = @id) with a MESSAGE_ID. The
 * other fields are plain strings; MESSAGE, a format, comes last. */
#define gr_log_event(message_id, field, id, ...)                               \
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE_ID",           \
                    message_id, field, id, "MESSAGE", __VA_ARGS__)

G_END_DECLS

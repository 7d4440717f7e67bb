/* georepd: the destinations persisted in the state directory
 * (destinations.json), written atomically and durably with mode 0600. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_STORE_FILE "destinations.json"

typedef struct {
  char *host;
  guint16 port;
  char *user;
  char *fingerprint;            /* "SHA256:…" the host key must match */
  char *key_type;               /* "ssh-ed25519", … or NULL */
  char *installed_key;          /* key line SetupPasswordless installed, for
                                 * revoking it; NULL when none */
  char *passwordless;           /* "unknown", "ok" or "failed" */
  guint64 last_test_time;       /* as the LastTestTime property; 0 = never */
  char *last_test_message;      /* NULL until tested */
  char *remote_gluster_version; /* NULL until tested */
  char *remote_rsync_version;   /* "3.5.0"; NULL until tested, "" none */
  char **remote_volumes;        /* never NULL */
} GrDestinationRecord;

/* A record with passwordless "unknown", port 22 and no remote volumes. */
GrDestinationRecord *gr_destination_record_new (void);
GrDestinationRecord *
gr_destination_record_copy (const GrDestinationRecord *record);
void gr_destination_record_free (GrDestinationRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDestinationRecord, gr_destination_record_free)

/* The records in @state_dir, in the order saved; the array frees them. A
 * missing file gives an empty array. A corrupt file (not JSON, wrong
 * structure, an invalid or duplicate destination) is renamed to
 * destinations.json.corrupt-<UTC timestamp> with a warning and an empty
 * array is returned; it is an error only when it cannot be set aside, so
 * that the next save never overwrites it. Other read errors fail. */
GPtrArray *gr_store_load (const char *state_dir, GError **error);

/* Replaces the file with @records (GrDestinationRecord *), creating
 * @state_dir with mode 0700 when missing. */
gboolean
gr_store_save (const char *state_dir, GPtrArray *records, GError **error);

G_END_DECLS

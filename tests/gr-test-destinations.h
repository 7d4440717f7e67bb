/* The fixture of the destination tests on the sandbox, and the calls they
 * make: a bus connection, the destinations a test made (removed in
 * teardown whatever happened), and an sshd of the test's own.
 *
 * The own sshd has the sandbox's settings: its log holds only this test's
 * connections (the sandbox's is shared with other tests) and its host key
 * can be replaced. It listens on 127.0.0.2, not 127.0.0.1, because a
 * destination is named user@host without the port: a second one at
 * 127.0.0.1 would clash with the sandbox's and be linked to every session
 * to 127.0.0.1. */
#pragma once

#include <gio/gio.h>

#include "gr-test-sshd.h"

G_BEGIN_DECLS

#define GR_TEST_SANDBOX_HOST "127.0.0.1"
#define GR_TEST_OWN_HOST "127.0.0.2"
/* The volumes of the session a test may make. */
#define GR_TEST_DEST_PRIMARY "grsb_dst_p"
#define GR_TEST_DEST_SECONDARY "grsb_dst_s"
/* The service's file of destinations, in its state directory. */
#define GR_TEST_DEST_STATE_FILE "destinations.json"

typedef struct {
  GDBusConnection *bus;
  GDBusObjectManager *objects;
  GPtrArray *created; /* destination paths removed in teardown */
  GrTestSshd sshd;    /* the test's own, once started */
  gboolean made_session;
  gboolean touched_keys; /* root's key may be in the remote user's keys */
  GStrv state_before;    /* the state directory's entries at setup */
} GrTestDestFixture;

void gr_test_dest_fixture_setup (GrTestDestFixture *f, gconstpointer data);
void gr_test_dest_fixture_teardown (GrTestDestFixture *f, gconstpointer data);

#define GR_TEST_DEST_ADD(path, func)                                           \
  g_test_add (path, GrTestDestFixture, NULL, gr_test_dest_fixture_setup, func, \
              gr_test_dest_fixture_teardown)

/* The sandbox. */

char *gr_test_sandbox_path (const char *name);
/* A file in the service's state directory (the directory for NULL). */
char *gr_test_dest_state_path (const char *name);
guint16 gr_test_sandbox_port (void);
/* The user that the sandbox's sshd lets log in with a password. */
const char *gr_test_remote_user (void);
/* The fingerprint of the sandbox sshd's host key, the format of
 * ProbeHost, from the key file as a client would check it. */
char *gr_test_sandbox_fingerprint (void);

/* The names of the files in the state directory. */
GStrv gr_test_dest_state_entries (void);
/* A file that g_file_set_contents writes ("NAME.XXXXXX") before it
 * renames it to NAME. */
gboolean gr_test_dest_is_temporary (const char *name);

/* D-Bus. */

GVariant *gr_test_options_none (void);
/* a{sv} with the boolean @name set. */
GVariant *gr_test_options_flag (const char *name);

/* A method of the Destination at @path. */
GVariant *gr_test_dest_call (GrTestDestFixture *f,
                             const char *path,
                             const char *method,
                             GVariant *args,
                             GError **error);
/* Read from the service, not from a proxy's cache. */
GVariant *gr_test_dest_get_property (GrTestDestFixture *f,
                                     const char *path,
                                     const char *interface,
                                     const char *name);
/* A string property of the Destination at @path. */
char *
gr_test_dest_string (GrTestDestFixture *f, const char *path, const char *name);

/* A call that failed with GR_ERROR @code. */
void gr_test_dest_assert_error (GVariant *reply, GError *error, int code);

/* Whether the service has the destination now. */
gboolean gr_test_dest_exists (GrTestDestFixture *f, const char *path);
/* Waits until a client sees the object come or go. */
void
gr_test_dest_await (GrTestDestFixture *f, const char *path, gboolean present);

/* Destinations. */

/* The path of user@host, removed in teardown. */
const char *
gr_test_dest_track (GrTestDestFixture *f, const char *user, const char *host);
/* The same, removed first if an aborted run left it. */
const char *
gr_test_dest_fresh (GrTestDestFixture *f, const char *user, const char *host);

/* AddDestination; returns the new path or NULL. */
char *gr_test_dest_add (GrTestDestFixture *f,
                        const char *host,
                        guint16 port,
                        const char *user,
                        const char *fingerprint,
                        GError **error);
/* A fresh destination for @user at the sandbox's sshd. */
const char *gr_test_dest_add_sandbox (GrTestDestFixture *f, const char *user);

GVariant *gr_test_dest_setup_passwordless (GrTestDestFixture *f,
                                           const char *path,
                                           const char *password,
                                           GError **error);
/* With the remote user's right password. */
void gr_test_dest_setup_passwordless_ok (GrTestDestFixture *f,
                                         const char *path);
/* A fresh destination for the remote user at the sandbox's sshd, with
 * root's key installed by SetupPasswordless and nowhere else in the
 * remote user's keys. */
const char *gr_test_dest_add_with_key (GrTestDestFixture *f);
/* Remove with revoke-key, which takes root's key out of the remote user's
 * keys. */
void gr_test_dest_remove_revoking (GrTestDestFixture *f, const char *path);

/* The Test method. */
GVariant *
gr_test_dest_test (GrTestDestFixture *f, const char *path, GError **error);

/* The own sshd. */

void gr_test_dest_own_sshd_start (GrTestDestFixture *f);
void gr_test_dest_own_sshd_restart_with_new_key (GrTestDestFixture *f);
char *gr_test_dest_own_sshd_fingerprint (GrTestDestFixture *f);
/* A fresh destination for root at the own sshd: the sandbox authorized
 * root's key for root, so key login works without SetupPasswordless. */
const char *gr_test_dest_add_own (GrTestDestFixture *f);

G_END_DECLS

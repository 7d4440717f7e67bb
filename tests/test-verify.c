/* Integration tests (sandbox) of issue 23's answer: on this platform a
 * session that syncs with gluster's default rsync leaves its files empty;
 * CheckSecondary says so before the create, Health says so after it,
 * Verify finds every such file; with the fix the contents arrive and
 * Verify is clean, until a file is changed on the secondary behind
 * gsyncd's back. Verify stays within its bounds, and refuses bad input
 * and callers without the right. Real glusterd, gsyncd, sshd and rsync;
 * the root destination is the sandbox's sshd (root's key is authorized
 * for root there). */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-rsync-receiver.h"
#include "gr-ssh-verify.h"
#include "gr-ssh.h"
#include "gr-test-files.h"
#include "gr-verify-digest.h"
#include "gr-test-gluster.h"
#include "gr-test-gsyncd.h"
#include "gr-test-sshd.h"
#include "gr-test-util.h"

#define HOST "127.0.0.1"
#define PRIMARY "grsbverp"
#define SECONDARY "grsbvers"
#define FILES 3

typedef struct {
  GDBusConnection *bus;
  GrManager *manager;
  GDBusObjectManager *objects;
  char *destination; /* root@HOST */
  gboolean own_destination;
  char *path; /* the session */
  GrSession *session;
} Fixture;

static GVariant *
no_options (void)
{
  return g_variant_new ("a{sv}", NULL);
}

/* Whether this machine's rsync (the sandbox's secondary is this machine)
 * leaves gsyncd's files empty: the question the whole file is about. */
static gboolean
platform_rsync_empties_files (void)
{
  const char *argv[] = { "rsync", "--version", NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_autofree char *version = gr_rsync_parse_version (out);

  g_assert_nonnull (version);
  g_test_message ("rsync %s here", version);
  return gr_rsync_receiver_resolves_cwd_by_text (version);
}

static void
add_root_destination (Fixture *f)
{
  g_autofree char *fingerprint =
      gr_test_key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autoptr (GError) error = NULL;
  guint16 port = (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"));

  gr_manager_call_add_destination_sync (f->manager, HOST, port, "root",
                                        fingerprint, no_options (),
                                        &f->destination, NULL, &error);
  /* Tests run one at a time: one that exists was left by a run that
   * failed, and this run removes it. */
  f->own_destination = TRUE;
  if (g_error_matches (error, GR_ERROR, GR_ERROR_ALREADY_EXISTS))
    f->destination =
        g_strdup (GR_DBUS_PATH_DESTINATIONS "/root_40127_2e0_2e0_2e1");
  else
    g_assert_no_error (error);
  g_clear_error (&error);
  /* Test tells the secondary's rsync, which Health needs. */
  g_dbus_connection_call_sync (f->bus, GR_DBUS_NAME, f->destination,
                               GR_DBUS_INTERFACE_DESTINATION, "Test",
                               g_variant_new ("(@a{sv})", no_options ()),
                               G_VARIANT_TYPE ("(bs)"), 0, 60000, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_destination (Fixture *f)
{
  g_autoptr (GVariant) reply = NULL;

  if (!f->own_destination)
    return;
  /* root's key is the sandbox's: keep it authorized. */
  reply = g_dbus_connection_call_sync (
      f->bus, GR_DBUS_NAME, f->destination, GR_DBUS_INTERFACE_DESTINATION,
      "Remove", g_variant_new_parsed ("({'force': <true>},)"), NULL, 0, 60000,
      NULL, NULL);
  f->own_destination = FALSE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  f->objects = gr_test_objects (f->bus);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  add_root_destination (f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  remove_destination (f);
  g_clear_object (&f->session);
  g_free (f->path);
  g_free (f->destination);
  g_clear_object (&f->objects);
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
}

/* --- the session ------------------------------------------------------ */

static GVariant *
create_options (const char *extra_key, GVariant *extra_value)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (
      &options, "{sv}", "ssh-port",
      g_variant_new_uint16 ((guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"))));
  if (extra_key != NULL)
    g_variant_builder_add (&options, "{sv}", extra_key, extra_value);
  return g_variant_builder_end (&options);
}

static void
create_session (Fixture *f, const char *extra_key, GVariant *extra_value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusObject) object = NULL;

  gr_manager_call_create_session_sync (f->manager, PRIMARY, HOST, SECONDARY,
                                       create_options (extra_key, extra_value),
                                       &f->path, NULL, &error);
  g_assert_no_error (error);
  gr_test_wait_for_hooks ();
  gr_test_await_object (f->objects, f->path, TRUE, 10000);
  object = g_dbus_object_manager_get_object (f->objects, f->path);
  f->session = gr_object_get_session (GR_OBJECT (object));
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (f->session), 300000);
}

typedef struct {
  GrSession *session;
  const char *name;
  const char *value;
} PropertyWait;

static gboolean
property_is (gpointer data)
{
  PropertyWait *wait = data;
  g_autoptr (GVariant) value = g_dbus_proxy_get_cached_property (
      G_DBUS_PROXY (wait->session), wait->name);

  return value && g_str_equal (g_variant_get_string (value, NULL), wait->value);
}

static void
await_property (GrSession *session,
                const char *name,
                const char *value,
                guint seconds)
{
  PropertyWait wait = { session, name, value };
  g_autoptr (GVariant) now = NULL;

  if (gr_test_wait_for (property_is, &wait, seconds * 1000))
    return;
  now = g_dbus_proxy_get_cached_property (G_DBUS_PROXY (session), name);
  g_error ("%s stayed %s, expected %s", name,
           now ? g_variant_get_string (now, NULL) : "(none)", value);
}

static void
start (GrSession *session)
{
  g_autoptr (GError) error = NULL;

  gr_session_call_start_sync (session, no_options (), NULL, &error);
  g_assert_no_error (error);
  await_property (session, "Status", "active", 180);
}

/* --- data ------------------------------------------------------------- */

typedef struct {
  GrSession *session;
  char *secondary;   /* its mount */
  char *last;        /* the file written last */
  guint64 written;   /* when, Unix seconds */
  gboolean contents; /* wait for the contents, not only the entry */
  gsize size;
  const char *primary; /* its mount */
  gint64 touched;      /* when its root was touched last, monotonic µs */
} Arrival;

/* Arrived: the entry (or its contents) is on the secondary, and gsyncd's
 * last-synced time has passed the write, so Verify's sample holds it. */
static gboolean
arrived (gpointer data)
{
  Arrival *arrival = data;
  g_autofree char *path =
      g_build_filename (arrival->secondary, arrival->last, NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0 ||
      (arrival->contents && (gsize) st.st_size != arrival->size))
    return FALSE;
  if (gr_session_get_last_synced (arrival->session) >= arrival->written)
    return TRUE;
  gr_test_nudge_changelog (arrival->primary, &arrival->touched);
  return FALSE;
}

/* What is missing, for the log of a wait that timed out. */
static void
describe_arrival (Arrival *arrival)
{
  g_autofree char *path =
      g_build_filename (arrival->secondary, arrival->last, NULL);
  GStatBuf st;
  gboolean found = g_stat (path, &st) == 0;

  g_test_message (
      "%s: %s, %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
      " bytes; LastSynced %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT,
      arrival->last, found ? "there" : "missing",
      found ? (gsize) st.st_size : 0, arrival->size,
      gr_session_get_last_synced (arrival->session), arrival->written);
}

static char *
file_text (guint i, gsize *size)
{
  g_autofree char *base = g_strdup_printf ("georepd verify data %u\n", i);
  GString *text = g_string_new (NULL);

  /* Sizes that differ from file to file, one of them over a block. */
  for (guint n = 0; n <= i * 40; n++)
    g_string_append (text, base);
  *size = text->len;
  return g_string_free (text, FALSE);
}

static void
write_files (const char *dir, const char *prefix, guint count, Arrival *arrival)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", prefix, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = file_text (i, &arrival->size);
      g_autoptr (GError) error = NULL;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      g_free (arrival->last);
      arrival->last = g_steal_pointer (&name);
    }
  arrival->written = g_get_real_time () / G_USEC_PER_SEC;
}

/* Writes @count files on the primary and waits until gsyncd synced them
 * (restarts when it missed them live: gr-test-gsyncd.h). */
static void
sync_files (Fixture *f, const char *prefix, guint count, gboolean contents)
{
  g_autofree char *primary = gr_test_mount (PRIMARY);
  Arrival arrival = { .session = f->session, .contents = contents };
  gboolean ok;

  arrival.secondary = gr_test_mount (SECONDARY);
  arrival.primary = primary;
  /* A later second than anything gsyncd synced before. */
  g_usleep (G_USEC_PER_SEC);
  write_files (primary, prefix, count, &arrival);
  ok = gr_test_await_synced (f->session, arrived, &arrival);
  if (!ok)
    describe_arrival (&arrival);
  gr_test_unmount (primary);
  gr_test_unmount (arrival.secondary);
  g_free (arrival.secondary);
  g_free (arrival.last);
  g_assert_true (ok);
}

/* --- calls ------------------------------------------------------------ */

static GVariant *
verify (GrSession *session, GVariant *options, GError **error)
{
  guint checked = 0;
  GVariant *mismatches = NULL;

  if (!gr_session_call_verify_sync (session, options, &checked, &mismatches,
                                    NULL, error))
    return NULL;
  g_test_message ("Verify: %u files checked, %zu differ", checked,
                  g_variant_n_children (mismatches));
  return g_variant_ref_sink (g_variant_new ("(u@a(sss))", checked, mismatches));
}

static guint
last_verification_uint (GrSession *session, const char *key)
{
  guint32 value = G_MAXUINT32;

  g_assert_true (g_variant_lookup (gr_session_get_last_verification (session),
                                   key, "u", &value));
  return value;
}

static gboolean
has_finding (GVariant *findings, const char *id)
{
  GVariantIter iter;
  const char *found, *severity, *message;

  g_variant_iter_init (&iter, findings);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &found, &severity, &message))
    if (g_str_equal (found, id))
      return TRUE;
  return FALSE;
}

static GVariant *
check_secondary (Fixture *f, const char *option)
{
  g_autoptr (GError) error = NULL;
  GVariant *findings = NULL;
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  if (option != NULL)
    g_variant_builder_add (&options, "{sv}", option,
                           g_variant_new_boolean (TRUE));
  gr_manager_call_check_secondary_sync (f->manager, PRIMARY, HOST, SECONDARY,
                                        g_variant_builder_end (&options),
                                        &findings, NULL, &error);
  g_assert_no_error (error);
  return findings;
}

/* --- tests ------------------------------------------------------------ */

/* Before the create: the finding, and a create that refuses without the
 * fix. */
static void
check_refused_create (Fixture *f)
{
  g_autoptr (GVariant) findings = check_secondary (f, NULL);
  g_autoptr (GVariant) fixed = check_secondary (f, "rsync-follow-cwd");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (has_finding (findings, "rsync-empty-files"));
  g_assert_false (has_finding (fixed, "rsync-empty-files"));
  gr_manager_call_create_session_sync (f->manager, PRIMARY, HOST, SECONDARY,
                                       create_options (NULL, NULL), &path, NULL,
                                       &error);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "rsync-empty-files"));
}

typedef struct {
  GrSession *session;
  const char *trigger;
  guint mismatches;
} VerificationWait;

static gboolean
verified_by (gpointer data)
{
  VerificationWait *wait = data;
  GVariant *last = gr_session_get_last_verification (wait->session);
  const char *trigger = NULL;
  guint32 mismatches = 0;

  return g_variant_lookup (last, "trigger", "&s", &trigger) &&
         g_str_equal (trigger, wait->trigger) &&
         g_variant_lookup (last, "mismatches", "u", &mismatches) &&
         mismatches == wait->mismatches;
}

/* The periodic verification finds the same as a call, says so in
 * Health, and logs it (gr-log.h: GR_MESSAGE_VERIFY_MISMATCH). */
static void
check_periodic (Fixture *f, guint expected)
{
  g_autoptr (GError) error = NULL;
  VerificationWait wait = { f->session, "periodic", expected };
  const char *log = gr_test_env ("GEOREP_SERVICE_LOG");
  goffset offset = gr_test_file_size (log);
  g_autofree char *logged = NULL;

  gr_session_call_set_verify_interval_sync (f->session, 2, no_options (), NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (gr_test_wait_for (verified_by, &wait, 60000));
  gr_session_call_set_verify_interval_sync (f->session, 0, no_options (), NULL,
                                            &error);
  g_assert_no_error (error);
  gr_test_dispatch_pending ();
  g_assert_cmpstr (gr_session_get_health (f->session), ==,
                   expected ? "mismatch" : "ok");
  logged = gr_test_read_since (log, offset);
  g_assert_true ((strstr (logged, "differ between the primary and the "
                                  "secondary") != NULL) == (expected > 0));
}

static void
test_empty_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) result = NULL;
  g_autoptr (GVariant) mismatches = NULL;
  g_autoptr (GError) error = NULL;
  gboolean empties = platform_rsync_empties_files ();
  GVariantIter iter;
  const char *path, *kind, *detail;
  guint checked;

  if (empties)
    check_refused_create (f);
  create_session (f, "force", g_variant_new_boolean (TRUE));
  await_property (f->session, "Health", empties ? "empty-files" : "ok", 10);
  start (f->session);
  sync_files (f, "empty", FILES, !empties);
  check_periodic (f, empties ? FILES : 0);
  result = verify (f->session, no_options (), &error);
  g_assert_no_error (error);
  g_variant_get (result, "(u@a(sss))", &checked, &mismatches);
  g_assert_cmpuint (checked, ==, FILES);
  g_assert_cmpuint (g_variant_n_children (mismatches), ==, empties ? FILES : 0);
  g_variant_iter_init (&iter, mismatches);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &path, &kind, &detail))
    {
      g_test_message ("%s: %s (%s)", path, kind, detail);
      g_assert_true (g_str_has_prefix (path, "empty-"));
      g_assert_cmpstr (kind, ==, "size");
      g_assert_nonnull (strstr (detail, " 0 on the secondary"));
    }
  gr_test_dispatch_pending ();
  g_assert_cmpstr (gr_session_get_health (f->session), ==,
                   empties ? "mismatch" : "ok");
  g_assert_cmpuint (last_verification_uint (f->session, "mismatches"), ==,
                    empties ? FILES : 0);
}

static char *
secondary_brick_file (const char *name)
{
  g_autofree char *bricks =
      g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "bricks", NULL);
  g_autoptr (GDir) dir = g_dir_open (bricks, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, SECONDARY "."))
      return g_build_filename (bricks, entry, name, NULL);
  g_error ("no brick of %s", SECONDARY);
}

/* Same size, other bytes, written to the brick itself: gluster's and
 * gsyncd's view do not change, only the data. */
static void
corrupt_on_secondary (const char *name)
{
  g_autofree char *path = secondary_brick_file (name);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  text[0] = text[0] == 'X' ? 'Y' : 'X';
  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
}

static void
check_changed_behind_gsyncd (Fixture *f)
{
  const char *paths[] = { "fixed-1", NULL };
  g_autoptr (GVariant) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *path, *kind, *detail;
  guint checked;
  g_autoptr (GVariant) mismatches = NULL;
  GVariantBuilder options;

  corrupt_on_secondary ("fixed-1");
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "paths",
                         g_variant_new_strv (paths, -1));
  result = verify (f->session, g_variant_builder_end (&options), &error);
  g_assert_no_error (error);
  g_variant_get (result, "(u@a(sss))", &checked, &mismatches);
  g_assert_cmpuint (checked, ==, 1);
  g_assert_cmpuint (g_variant_n_children (mismatches), ==, 1);
  g_variant_get_child (mismatches, 0, "(&s&s&s)", &path, &kind, &detail);
  g_assert_cmpstr (path, ==, "fixed-1");
  g_assert_cmpstr (kind, ==, "checksum");
  gr_test_dispatch_pending ();
  g_assert_cmpstr (gr_session_get_health (f->session), ==, "mismatch");
}

/* A volume of many files: the sample stays at its bound. */
static void
check_bounds (Fixture *f)
{
  g_autoptr (GVariant) result = NULL;
  g_autoptr (GError) error = NULL;
  guint checked, duration;
  g_autoptr (GVariant) mismatches = NULL;
  GVariantBuilder options;

  sync_files (f, "many", 150, TRUE);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "max-files",
                         g_variant_new_uint32 (20));
  g_variant_builder_add (&options, "{sv}", "timeout",
                         g_variant_new_uint32 (60));
  result = verify (f->session, g_variant_builder_end (&options), &error);
  g_assert_no_error (error);
  g_variant_get (result, "(u@a(sss))", &checked, &mismatches);
  g_assert_cmpuint (checked, ==, 20);
  g_assert_cmpuint (g_variant_n_children (mismatches), ==, 0);
  gr_test_dispatch_pending ();
  duration = last_verification_uint (f->session, "duration-ms");
  g_test_message ("20 of 153 files in %u ms", duration);
  g_assert_cmpuint (duration, <, 2 * 60 * 1000);
}

/* The primary's side, as georepd runs it (gr-verify-local.c), with
 * @extra (NULL-terminated) after its fixed options; @input on stdin. */
static char *
run_helper (const char *input, const char *const *extra)
{
  g_autofree char *helper =
      g_build_filename (gr_test_env ("GEOREP_BUILD_ROOT"), "service",
                        "georepd-verify-helper", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, helper);
  g_ptr_array_add (argv, "--volume=" PRIMARY);
  g_ptr_array_add (argv, "--timeout=60");
  for (guint i = 0; extra[i]; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv (
      (const char *const *) argv->pdata,
      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_steal_pointer (&out);
}

/* The digest line of one path. */
static char *
helper_digest (const char *path)
{
  g_autofree char *input = g_strconcat (path, "\n", NULL);
  const char *const extra[] = { "--max-files=1", "--paths", NULL };
  char *out = run_helper (input, extra);

  g_test_message ("helper: %s", out);
  return out;
}

/* The sample's scan stops at its bound, and says so. */
static void
check_scan_bound (void)
{
  const char *const extra[] = { "--max-files=5", "--max-scan=10",
                                "--not-after=9999999999", NULL };
  g_autofree char *out = run_helper ("", extra);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 7); /* 5, end, "" */
  g_assert_cmpstr (lines[5], ==, "end scan-limit");
}

static void
on_remote_digests (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The secondary's side, over the root login (gr-ssh-verify.c). */
static GrFileKind
remote_kind (const char *path)
{
  g_autofree char *fingerprint =
      gr_test_key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autofree char *dir = g_dir_make_tmp ("georepd-verify-XXXXXX", NULL);
  g_autofree char *known_hosts = g_build_filename (dir, "known_hosts", NULL);
  g_autofree char *key_line = NULL, *identity = NULL;
  g_autoptr (GrSshTarget) target = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) digests = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_ssh_root_key ("/root/.ssh", &key_line, &identity, &error));
  target =
      gr_ssh_target_new (HOST, (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT")),
                         "root", fingerprint, known_hosts, identity, 60);
  g_ptr_array_add (paths, (gpointer) path);
  gr_ssh_remote_digests_async (target, SECONDARY, paths, on_remote_digests,
                               &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  digests = gr_ssh_remote_digests_finish (result, &error);
  g_assert_no_error (error);
  g_unlink (known_hosts);
  g_rmdir (dir);
  g_assert_cmpuint (digests->len, ==, 1);
  return ((GrFileDigest *) digests->pdata[0])->kind;
}

/* A symlink in the volumes that points out of them: Verify reads the
 * link itself, never the host's file behind it, on either side. */
static void
check_symlink_not_followed (Fixture *f)
{
  g_autofree char *primary = gr_test_mount (PRIMARY);
  g_autofree char *link = g_build_filename (primary, "to-etc", NULL);
  g_autofree char *through = NULL;
  g_autofree char *itself = NULL;

  g_assert_cmpint (symlink ("/etc", link), ==, 0);
  gr_test_unmount (primary);
  through = helper_digest ("to-etc/hostname");
  itself = helper_digest ("to-etc");
  g_assert_true (g_str_has_prefix (through, "other 0 -\tto-etc/hostname\n"));
  g_assert_true (g_str_has_prefix (itself, "symlink 0 "));
  /* The secondary has the same link once gsyncd synced it; before, the
   * path is missing there: either way not /etc/hostname's contents. */
  g_assert_cmpint (remote_kind ("to-etc/hostname"), !=, GR_FILE_KIND_FILE);
}

static gboolean
checkpoint_verified (gpointer data)
{
  const char *state = gr_session_get_checkpoint_verification (data);

  return state != NULL &&
         (g_str_equal (state, "clean") || g_str_equal (state, "mismatch") ||
          g_str_equal (state, "failed"));
}

/* A completed checkpoint is verified before it counts as clean. */
static void
check_checkpoint (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  gr_session_call_set_checkpoint_sync (f->session, no_options (), NULL, &error);
  g_assert_no_error (error);
  /* gsyncd completes a checkpoint once it synced something newer. */
  sync_files (f, "after-checkpoint", 1, TRUE);
  g_assert_true (
      gr_test_await_synced (f->session, checkpoint_verified, f->session));
  g_assert_true (gr_session_get_checkpoint_completed (f->session));
  g_assert_cmpstr (gr_session_get_checkpoint_verification (f->session), ==,
                   "clean");
}

static void
test_fixed (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) result = NULL;
  g_autoptr (GVariant) mismatches = NULL;
  g_autoptr (GError) error = NULL;
  const char *options = NULL;
  guint checked;

  create_session (f, "rsync-follow-cwd", g_variant_new_boolean (TRUE));
  g_assert_true (g_variant_lookup (gr_session_get_config (f->session),
                                   "rsync-options", "&s", &options));
  g_assert_cmpstr (options, ==, GR_RSYNC_FOLLOW_CWD_OPTIONS);
  await_property (f->session, "Health", "ok", 10);
  start (f->session);
  sync_files (f, "fixed", FILES, TRUE);
  result = verify (f->session, no_options (), &error);
  g_assert_no_error (error);
  g_variant_get (result, "(u@a(sss))", &checked, &mismatches);
  g_assert_cmpuint (checked, ==, FILES);
  g_assert_cmpuint (g_variant_n_children (mismatches), ==, 0);
  gr_test_dispatch_pending ();
  g_assert_cmpstr (gr_session_get_health (f->session), ==, "ok");
  check_checkpoint (f);
  check_symlink_not_followed (f);
  check_bounds (f);
  check_scan_bound ();
  check_changed_behind_gsyncd (f);
}

static void
assert_refused (GrSession *session, const char *options_text, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) result =
      verify (session, g_variant_new_parsed (options_text), &error);

  g_assert_null (result);
  g_assert_error (error, GR_ERROR, code);
}

static void
check_interval (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *store = g_build_filename (
      gr_test_env ("GEOREP_SANDBOX_DIR"), "state", "verification.json", NULL);
  g_autofree char *text = NULL;

  /* Below the sandbox's VerifyIntervalMin (2 s). */
  g_assert_false (gr_session_call_set_verify_interval_sync (
      f->session, 1, no_options (), NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (gr_session_call_set_verify_interval_sync (
      f->session, 600, no_options (), NULL, &error));
  g_assert_no_error (error);
  gr_test_dispatch_pending ();
  g_assert_cmpuint (gr_session_get_verify_interval (f->session), ==, 600);
  g_assert_true (g_file_get_contents (store, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"interval\" : 600"));
  g_assert_true (gr_session_call_set_verify_interval_sync (
      f->session, 0, no_options (), NULL, &error));
  g_assert_no_error (error);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *args = NULL;
  int status;

  create_session (f, "rsync-follow-cwd", g_variant_new_boolean (TRUE));
  assert_refused (f->session, "{'paths': <['../etc/passwd']>}",
                  GR_ERROR_INVALID_ARGUMENT);
  assert_refused (f->session, "{'paths': <['a\\nb']>}",
                  GR_ERROR_INVALID_ARGUMENT);
  assert_refused (f->session, "{'max-files': <uint32 0>}",
                  GR_ERROR_INVALID_ARGUMENT);
  assert_refused (f->session, "{'timeout': <uint32 100000>}",
                  GR_ERROR_INVALID_ARGUMENT);
  assert_refused (f->session, "{'no-such-option': <true>}",
                  GR_ERROR_INVALID_ARGUMENT);
  /* Reading file contents is not for everyone who may read the status. */
  status = gr_test_call_as (gr_test_env ("GEOREP_PLAIN_USER"), f->path,
                            GR_DBUS_INTERFACE_SESSION, "Verify", "(@a{sv} {},)",
                            &out);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, GR_DBUS_ERROR_PREFIX "NotAuthorized"));
  check_interval (f);
  /* Without a root destination there is no way to read the secondary. */
  remove_destination (f);
  assert_refused (f->session, "@a{sv} {}", GR_ERROR_NOT_FOUND);
}

static void
add (const char *name, void (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add ("/verify/refused", test_refused);
  add ("/verify/empty-files", test_empty_files);
  add ("/verify/fixed", test_fixed);
  return g_test_run ();
}

/* The gluster events listener: parsing of both key generations, and a
 * georepd of its own (gluster stand-in, private bus) that refreshes the
 * named session when an event body is POSTed over loopback to its secret
 * URL, and to nothing else; that coalesces refreshes and bounds what a
 * local user can make it hold. The real sender, glustereventsd, is in
 * /events/glustereventsd (against the sandbox's glusterd). */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "gr-error.h"
#include "gr-events-parse.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-gluster.h"
#include "gr-test-hooks.h"
#include "gr-test-jwt.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

static char *
event_body (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data",
                                            "events", name, NULL);
  char *body = NULL;

  g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
  return body;
}

static void
assert_parsed (const char *file,
               const char *event,
               const char *primary,
               const char *host,
               const char *secondary)
{
  g_autofree char *body = event_body (file);
  g_autofree char *got_event = NULL, *got_primary = NULL, *got_host = NULL,
                  *got_secondary = NULL;

  g_auto (GrEventWorker) worker = { 0 };

  g_assert_true (gr_events_parse (body, strlen (body), &got_event, &got_primary,
                                  &got_host, &got_secondary, &worker));
  g_assert_cmpstr (
      worker.brick, ==,
      g_str_equal (event, "GEOREP_START") ? NULL : "/tmp/grsb_rec/bricks/p1");
  g_assert_cmpstr (got_event, ==, event);
  g_assert_cmpstr (got_primary, ==, primary);
  g_assert_cmpstr (got_host, ==, host);
  g_assert_cmpstr (got_secondary, ==, secondary);
}

static void
test_parse (void)
{
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;
  g_autofree char *volume_start = event_body ("volume-start.json");
  const char *hostile = "{\"event\": \"GEOREP_START\", \"message\": "
                        "{\"primary\": \"--xml\", \"secondary\": \"h::s\"}}";
  const char *not_string[] = { "{\"event\": 1}",
                               "{\"event\": {}}",
                               "{\"event\": [\"GEOREP_START\"]}",
                               "{\"event\": null}",
                               "[]",
                               "\"GEOREP_\"" };
  const char *surrogate = "{\"event\": \"GEOREP_START\", \"message\": "
                          "{\"primary\": \"p\\udc00\", \"secondary\": "
                          "\"h::s\"}}";

  assert_parsed ("georep-faulty.json", "GEOREP_FAULTY", "grsb_rec_p",
                 "127.0.0.1", "grsb_rec_s2");
  assert_parsed ("georep-faulty-v9.json", "GEOREP_FAULTY", "grsb_rec_p",
                 "127.0.0.1", "grsb_rec_s2");
  assert_parsed ("georep-start.json", "GEOREP_START", "grsb_rec_p", "127.0.0.1",
                 "grsb_rec_s2");
  g_assert_false (gr_events_parse (volume_start, strlen (volume_start), &event,
                                   &primary, &host, &secondary, NULL));
  g_assert_false (gr_events_parse ("not json", 8, &event, &primary, &host,
                                   &secondary, NULL));
  /* A name that could not be a volume names no session: refresh all. */
  g_assert_true (gr_events_parse (hostile, strlen (hostile), &event, &primary,
                                  &host, &secondary, NULL));
  g_assert_null (primary);
  g_clear_pointer (&event, g_free);
  /* Any type where the event's name belongs is no event, and no
   * CRITICAL (G_DEBUG=fatal-criticals makes one abort the test). */
  for (gsize i = 0; i < G_N_ELEMENTS (not_string); i++)
    g_assert_false (gr_events_parse (not_string[i], strlen (not_string[i]),
                                     &event, &primary, &host, &secondary,
                                     NULL));
  /* A lone surrogate (Python's escape of a byte that is not UTF-8) does
   * not make the body unreadable; the name it spoils names no session. */
  g_assert_true (gr_events_parse (surrogate, strlen (surrogate), &event,
                                  &primary, &host, &secondary, NULL));
  g_assert_null (primary);
}

#define SESSION_STATUS                                                         \
  "geo-replication grsb_rec_p 127.0.0.1::grsb_rec_s2 status"

static GrPrivateService *service;
static guint16 port;

static guint16
free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Sends @request as is to 127.0.0.1:@to and returns the reply (at most
 * 255 bytes). */
static char *
send_raw_to (guint16 to, const char *request, gsize len)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  char reply[256] = { 0 };
  g_autoptr (GError) error = NULL;

  connection =
      g_socket_client_connect_to_host (client, "127.0.0.1", to, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (
      g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, len,
      NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (
      g_io_stream_get_input_stream (G_IO_STREAM (connection)), reply,
      sizeof reply - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (reply);
}

static char *
send_raw (const char *request, gsize len)
{
  return send_raw_to (port, request, len);
}

/* The token @of's webhook posts must carry (the state directory's
 * events-token, mode 0600). */
static char *
token_of (GrPrivateService *of)
{
  g_autofree char *file = gr_private_service_path (of, "state/events-token");
  char *token = NULL;
  GStatBuf st;

  g_assert_true (g_file_get_contents (file, &token, NULL, NULL));
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  return g_strstrip (token);
}

/* A POST of @body to @path with @authorization (NULL: no such header). */
static char *
post_authorized (const char *path, const char *body, const char *authorization)
{
  g_autofree char *header =
      authorization ? g_strdup_printf ("Authorization: %s\r\n", authorization)
                    : g_strdup ("");
  g_autofree char *request = g_strdup_printf (
      "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
      "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
      path, header, strlen (body), body);

  return send_raw (request, strlen (request));
}

/* As glustereventsd posts to a webhook added with --bearer_token. */
static char *
post_to (const char *path, const char *body)
{
  g_autofree char *token = token_of (service);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

  return post_authorized (path, body, bearer);
}

/* The path of the URL @of wrote for the administrator, for port @on. */
static char *
webhook_path_of (GrPrivateService *of, guint16 on)
{
  g_autofree char *file =
      gr_private_service_path (of, "state/events-webhook-url");
  g_autofree char *url = NULL;
  g_autofree char *prefix = g_strdup_printf ("http://127.0.0.1:%u/", on);
  GStatBuf st;

  g_assert_true (g_file_get_contents (file, &url, NULL, NULL));
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_strstrip (url);
  g_assert_true (g_str_has_prefix (url, prefix));
  return g_strdup (url + strlen (prefix) - 1);
}

static char *
webhook_path (void)
{
  return webhook_path_of (service, port);
}

/* POSTs @body to the webhook of @of, which listens on @on. */
static char *
post_to_service (GrPrivateService *of, guint16 on, const char *body)
{
  g_autofree char *path = webhook_path_of (of, on);
  g_autofree char *token = token_of (of);
  g_autofree char *request = g_strdup_printf (
      "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
      path, token, strlen (body), body);

  return send_raw_to (on, request, strlen (request));
}

static char *
post (const char *body)
{
  g_autofree char *path = webhook_path ();

  return post_to (path, body);
}

typedef struct {
  const char *needle;
} CallWait;

static gboolean
gluster_asked (gpointer data)
{
  CallWait *wait = data;
  g_autofree char *path = gr_private_service_path (service, "calls");
  g_autofree char *calls = NULL;

  return g_file_get_contents (path, &calls, NULL, NULL) &&
         strstr (calls, wait->needle) != NULL;
}

static void
test_event_refreshes_session (void)
{
  g_autofree char *body = event_body ("georep-faulty.json");
  g_autofree char *reply = NULL;
  CallWait wait = {
    "geo-replication grsb_rec_p 127.0.0.1::grsb_rec_s2 status"
  };

  g_assert_false (gluster_asked (&wait));
  reply = post (body);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
  g_assert_true (gr_test_wait_for (gluster_asked, &wait, 5000));
}

static void
test_other_events_do_nothing (void)
{
  g_autofree char *body = event_body ("volume-start.json");
  guint before = gr_private_service_count_lines (service, "calls");
  g_autofree char *reply = post (body);
  g_autofree char *bad = post ("{\"event\":");

  g_autoptr (GError) error = NULL;

  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
  g_assert_true (g_str_has_prefix (bad, "HTTP/1.1 200"));
  /* A refresh an event caused would run before this one, which the
   * queue serves in order: only this refresh's two commands (volume
   * info, status) may be new. */
  gr_manager_call_refresh_sync (service->manager, g_variant_new ("a{sv}", NULL),
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gr_private_service_count_lines (service, "calls"), ==,
                    before + 2);
}

/* New gluster calls since @before, after a Refresh that the queue serves
 * after whatever events caused: its own two commands are left out. */
static guint
calls_after_refresh (guint before)
{
  g_autoptr (GError) error = NULL;

  gr_manager_call_refresh_sync (service->manager, g_variant_new ("a{sv}", NULL),
                                NULL, &error);
  g_assert_no_error (error);
  return gr_private_service_count_lines (service, "calls") - before - 2;
}

/* Without the secret path, an event is not even looked at. */
static void
test_secret_required (void)
{
  g_autofree char *body = event_body ("georep-faulty.json");
  g_autofree char *path = webhook_path ();
  g_autofree char *wrong = g_strdup (path);
  g_autofree char *get =
      g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", path);
  const char *paths[] = { "/", "/events", wrong, "/../state" };
  guint before = gr_private_service_count_lines (service, "calls");

  wrong[strlen (wrong) - 1] = wrong[strlen (wrong) - 1] == '0' ? '1' : '0';
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *reply = post_to (paths[i], body);

      g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 404"));
    }
  {
    g_autofree char *reply = send_raw (get, strlen (get));

    g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 405"));
  }
  g_assert_cmpuint (calls_after_refresh (before), ==, 0);
}

static guint
count_calls_with (const char *needle)
{
  g_autofree char *path = gr_private_service_path (service, "calls");
  g_autofree char *calls = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &calls, NULL, NULL))
    return 0;
  for (const char *p = calls; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

static gboolean
session_refreshed_since (gpointer data)
{
  return count_calls_with (SESSION_STATUS) > *(guint *) data;
}

/* On the secret path, a post without the token (or a JWT signed with it,
 * unexpired, HS256) is refused with 401 and refreshes nothing; with a
 * valid JWT, it is taken. */
static void
test_token_required (void)
{
  g_autofree char *body = event_body ("georep-faulty.json");
  g_autofree char *path = webhook_path ();
  g_autofree char *token = token_of (service);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *claims = gr_test_jwt_claims (now, now + 60);
  g_autofree char *expired_claims = gr_test_jwt_claims (now - 3600, now - 3540);
  g_autofree char *jwt = gr_test_jwt_make (GR_TEST_JWT_HS256, claims, token);
  g_autofree char *wrong_key =
      gr_test_jwt_make (GR_TEST_JWT_HS256, claims, "another secret");
  g_autofree char *expired =
      gr_test_jwt_make (GR_TEST_JWT_HS256, expired_claims, token);
  g_autofree char *none =
      gr_test_jwt_make ("{\"alg\":\"none\"}", claims, token);
  g_autofree char *bearers[] = {
    NULL,
    g_strdup ("Bearer"),
    g_strdup ("Bearer not-the-token"),
    g_strdup_printf ("Basic %s", token),
    g_strdup_printf ("Bearer %s", wrong_key),
    g_strdup_printf ("Bearer %s", expired),
    g_strdup_printf ("Bearer %s", none),
  };
  g_autofree char *valid = g_strdup_printf ("Bearer %s", jwt);
  guint before = gr_private_service_count_lines (service, "calls");
  guint session_before = count_calls_with (SESSION_STATUS);

  for (gsize i = 0; i < G_N_ELEMENTS (bearers); i++)
    {
      g_autofree char *reply = post_authorized (path, body, bearers[i]);

      g_test_message ("%s → %.12s", bearers[i] ? bearers[i] : "(none)", reply);
      g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 401"));
      g_clear_pointer (&bearers[i], g_free);
    }
  g_assert_cmpuint (calls_after_refresh (before), ==, 0);
  {
    g_autofree char *reply = post_authorized (path, body, valid);

    g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
    g_assert_true (
        gr_test_wait_for (session_refreshed_since, &session_before, 5000));
  }
}

/* 300 events for one session, and 100 that name none, arrive while
 * gluster is held back (a hook stand-in): afterwards the session was
 * refreshed at most twice (once, and once more for what came during the
 * first), and everything at most twice; not 300 and 100 times. */
static void
test_refreshes_coalesced (void)
{
  g_autofree char *body = event_body ("georep-faulty.json");
  g_autofree char *path = webhook_path ();
  g_autofree char *glusterd = gr_private_service_path (service, "glusterd-sh");
  g_autofree char *script =
      gr_private_service_path (service, "hooks/1/gsync-create/post/S56hold.sh");
  const char *all = "{\"event\": \"GEOREP_CONFIG_SET\", \"message\": {}}";
  guint session_before = count_calls_with (SESSION_STATUS);
  guint before = gr_private_service_count_lines (service, "calls");
  GPid hook = gr_test_hook_standin (glusterd, script);

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *reply = post_to (path, i < 300 ? body : all);

      g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
    }
  g_assert_cmpuint (gr_private_service_count_lines (service, "calls"), ==,
                    before);
  gr_test_hook_stop (hook);
  /* Each refresh of everything runs two commands (volume info, status);
   * each of the session, status and config. */
  g_assert_cmpuint (calls_after_refresh (before), <=, 2 * 2 + 2 * 2);
  g_assert_cmpuint (count_calls_with (SESSION_STATUS) - session_before, >=, 1);
  g_assert_cmpuint (count_calls_with (SESSION_STATUS) - session_before, <=, 2);
}

/* 100 events naming sessions georepd does not know (anyone here can make
 * names up, or forge a GEOREP_FAULTY): not one gluster command, neither
 * naming them nor refreshing everything (at most one such refresh per
 * poll interval, an hour here, counted from the start). */
static void
test_unknown_sessions_no_command (void)
{
  g_autofree char *path = webhook_path ();
  guint before = gr_private_service_count_lines (service, "calls");

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *body =
          g_strdup_printf ("{\"event\": \"GEOREP_FAULTY\", \"message\": {"
                           "\"primary_volume\": \"grsb_unknown_%u\", "
                           "\"secondary_host\": \"127.0.0.1\", "
                           "\"secondary_volume\": \"grsb_rec_s2\"}}",
                           i);
      g_autofree char *reply = post_to (path, body);

      g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
    }
  /* A refresh they caused would run before this one's two commands. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpuint (calls_after_refresh (before), ==, 0);
  g_assert_cmpuint (count_calls_with ("grsb_unknown_"), ==, 0);
}

/* A connection from @source (127.0.0.X) whose socket belongs to @uid,
 * as a local user's would: the listener tells peers apart by the owner
 * the kernel reports (service/gr-events-peer.c). */
static GSocket *
connect_idle_as (uid_t uid, guint source)
{
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, port);
  g_autofree char *from_text = g_strdup_printf ("127.0.0.%u", source);
  g_autoptr (GInetAddress) from_address =
      g_inet_address_new_from_string (from_text);
  g_autoptr (GSocketAddress) from = g_inet_socket_address_new (from_address, 0);
  g_autoptr (GError) error = NULL;
  GSocket *socket;

  /* A socket's owner is who created it. */
  g_assert_cmpint (seteuid (uid), ==, 0);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_cmpint (seteuid (0), ==, 0);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, from, FALSE, &error));
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  return socket;
}

/* Whether the listener closed @socket within @ms. */
static gboolean
closed_by_listener (GSocket *socket, gint64 ms)
{
  char byte;

  g_socket_set_timeout (socket, 0);
  if (!g_socket_condition_timed_wait (socket, G_IO_IN, ms * 1000, NULL, NULL))
    return FALSE;
  return g_socket_receive (socket, &byte, 1, NULL, NULL) <= 0;
}

/* An event for the recorded session is taken (200). */
static void
assert_event_taken (void)
{
  g_autofree char *body = event_body ("georep-faulty.json");
  g_autofree char *reply = post (body);

  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
}

/* Idle connections closed at once among @sockets, after a pause well
 * within the 5 s a held connection is given. */
static guint
closed_at_once (GPtrArray *sockets)
{
  guint closed = 0;

  g_usleep (G_USEC_PER_SEC / 2);
  for (guint i = 0; i < sockets->len; i++)
    closed += closed_by_listener (g_ptr_array_index (sockets, i), 0);
  return closed;
}

/* Idle connections are held only up to a small number at once; the
 * rest are closed at once rather than kept until descriptors run out. */
static void
test_connections_capped (void)
{
  g_autoptr (GPtrArray) sockets =
      g_ptr_array_new_with_free_func (g_object_unref);
  guint closed;

  /* Two each for 32 owners: none over its own limit, all over the
   * limit of everyone together. Paced, so that the listen backlog does
   * not overflow and delay some connections past the check. */
  for (guint i = 0; i < 64; i++)
    {
      g_ptr_array_add (sockets, connect_idle_as (60000 + i / 2, 1));
      g_usleep (G_USEC_PER_SEC / 100);
    }
  closed = closed_at_once (sockets);
  g_test_message ("%u of %u idle connections closed at once", closed,
                  sockets->len);
  g_assert_cmpuint (closed, ==, 64 - 16);
  g_ptr_array_set_size (sockets, 0);
  /* The held ones time out or are closed by us; then events pass again. */
  g_usleep (G_USEC_PER_SEC / 5);
  assert_event_taken ();
}

/* One local user (here: nobody) cannot hold more than 4 connections,
 * however many addresses of 127.0.0.0/8 it connects from; while it holds
 * those, glustereventsd (root) still gets through. */
static void
test_peer_limited (void)
{
  g_autoptr (GPtrArray) sockets =
      g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (sockets, connect_idle_as (65534, 2 + i));
  g_assert_cmpuint (closed_at_once (sockets), ==, 1);
  assert_event_taken ();
}

/* Sends @request and asserts that the listener closes the connection
 * without an answer, at once (not after the 5 s a connection is given). */
static void
assert_cut_off (const char *request)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *reply = send_raw (request, strlen (request));

  g_assert_cmpstr (reply, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* A request over its limits (a head over 8 KiB, a body over 64 KiB or of
 * unknown length) is cut off when its head is read: its body is not. */
static void
test_request_bounded (void)
{
  g_autofree char *path = webhook_path ();
  g_autofree char *huge =
      g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Length: 1000000000\r\n\r\n",
                       path);
  g_autofree char *over = g_strdup_printf (
      "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 65537\r\n\r\n",
      path);
  g_autofree char *chunked =
      g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n",
                       path);
  g_autofree char *filler = g_strnfill (8192, 'x');
  g_autofree char *long_head = g_strdup_printf (
      "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nX: %s\r\n\r\n", path, filler);

  assert_cut_off (huge);
  assert_cut_off (over);
  assert_cut_off (chunked);
  assert_cut_off (long_head);
  assert_event_taken ();
}

/* RegisterEventsWebhook checks its options before anything (an address
 * that could become an option of gluster-eventsapi is refused), and
 * without polkit (this private bus has none) fails closed. */
static void
test_register_refused (void)
{
  const char *bad[] = { "{'address': <'-x'>}", "{'address': <'a b'>}",
                        "{'address': <''>}", "{'address': <1>}",
                        "{'port': <'1'>}" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = NULL;

      gr_manager_call_register_events_webhook_sync (
          service->manager, g_variant_new_parsed (bad[i]), &url, NULL, &error);
      g_test_message ("%s: %s", bad[i], error ? error->message : "-");
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *url = NULL;

    gr_manager_call_register_events_webhook_sync (
        service->manager, g_variant_new_parsed ("{'address': <'10.0.0.1'>}"),
        &url, NULL, &error);
    g_assert_error (error, GR_ERROR, GR_ERROR_NOT_AUTHORIZED);
  }
}

/* --- where it listens --- */

/* A socket listening on 127.0.0.1:@on, as a squatter's or systemd's. */
static GSocket *
listen_on (guint16 on)
{
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, on);
  g_autoptr (GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  return socket;
}

/* Another georepd on the gluster stand-in, told to listen on @on. */
static GrPrivateService *
start_listening_service (const char *name, const char *listener, guint16 on)
{
  GrPrivateService *other = gr_private_service_new (name);
  g_autofree char *config = NULL;

  gr_private_service_install_standin (other);
  config = g_strdup_printf (
      "GlusterCommand=%s/gluster\nPollInterval=3600\nPollIntervalMin=3600\n"
      "EventsListener=%s\nEventsPort=%u\nGlusterdDirectory=%s\n",
      other->dir, listener, on, other->dir);
  gr_private_service_start (other, config);
  return other;
}

static gboolean
session_refreshed (gpointer data)
{
  g_autofree char *path = gr_private_service_path (data, "calls");
  g_autofree char *calls = NULL;

  return g_file_get_contents (path, &calls, NULL, NULL) &&
         strstr (calls, SESSION_STATUS) != NULL;
}

/* POSTs an event for the recorded session to @of (listening on @on) and
 * waits for the refresh it causes (which also leaves the stand-in quiet
 * before the service's directory is removed). */
static void
assert_event_reaches (GrPrivateService *of, guint16 on)
{
  g_autofree char *body = event_body ("georep-faulty.json");
  g_autofree char *reply = post_to_service (of, on, body);

  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 200"));
  g_assert_true (gr_test_wait_for (session_refreshed, of, 5000));
}

static gboolean
listener_error_empty (gpointer data)
{
  return g_strcmp0 (gr_manager_get_events_listener_error (data), "") == 0;
}

/* Someone took the port first (whom glustereventsd would then tell the
 * secret): the administrator sees it as EventsListenerError; once the
 * port is free, the next refresh brings the listener up. */
static void
test_port_taken (void)
{
  guint16 taken = free_port ();
  g_autoptr (GSocket) squatter = listen_on (taken);
  GrPrivateService *other =
      start_listening_service ("events-taken", "true", taken);
  g_autofree char *expected =
      g_strdup_printf ("Cannot listen on 127.0.0.1:%u: ", taken);
  const char *error = gr_manager_get_events_listener_error (other->manager);
  g_autoptr (GError) local = NULL;

  g_test_message ("EventsListenerError: %s", error);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, expected));
  g_assert_nonnull (strstr (error, "in use"));
  g_socket_close (squatter, NULL);
  gr_manager_call_refresh_sync (other->manager, g_variant_new ("a{sv}", NULL),
                                NULL, &local);
  g_assert_no_error (local);
  g_assert_true (gr_test_wait_for (listener_error_empty, other->manager, 5000));
  assert_event_reaches (other, taken);
  gr_private_service_stop (other);
}

/* With georepd.socket, systemd holds the port and passes it: georepd
 * listens there (here with EventsListener=false and an EventsPort that
 * is taken, so that nothing but the passed socket can work). */
static void
test_socket_from_systemd (void)
{
  guint16 passed = free_port ();
  g_autoptr (GSocket) socket = listen_on (passed);
  GrPrivateService *other = gr_private_service_new ("events-socket");
  g_autofree char *config = NULL;

  gr_private_service_install_standin (other);
  other->listen_fd = g_socket_get_fd (socket);
  config = g_strdup_printf (
      "GlusterCommand=%s/gluster\nPollInterval=3600\nPollIntervalMin=3600\n"
      "EventsListener=false\nEventsPort=%u\nGlusterdDirectory=%s\n",
      other->dir, port, other->dir);
  gr_private_service_start (other, config);
  /* georepd has its own copy; the test's goes. */
  g_socket_close (socket, NULL);
  g_assert_cmpstr (gr_manager_get_events_listener_error (other->manager), ==,
                   "");
  assert_event_reaches (other, passed);
  gr_private_service_stop (other);
}

/* --- the real sender: glustereventsd --- */

#define REAL_PRIMARY "grsb_ev_p"
#define REAL_SECONDARY "grsb_ev_s"
#define REAL_HOST "127.0.0.1"

/* The glustereventsd that the sandbox runs (scripts/sandbox): the one
 * whose parent is not a glustereventsd (its webhook process is its
 * child). */
static GPid
glustereventsd_pid (void)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *pid;

  while ((pid = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", pid, "comm", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *status_path =
          g_build_filename ("/proc", pid, "stat", NULL);
      g_autofree char *stat = NULL;
      g_autofree char *parent_comm = NULL;
      g_autofree char *parent_path = NULL;
      const char *after;

      if (!g_ascii_isdigit (pid[0]) ||
          !g_file_get_contents (path, &comm, NULL, NULL) ||
          strcmp (g_strchomp (comm), "glustereventsd") != 0 ||
          !g_file_get_contents (status_path, &stat, NULL, NULL) ||
          (after = strrchr (stat, ')')) == NULL)
        continue;
      parent_path = g_strdup_printf ("/proc/%d/comm", atoi (after + 4));
      if (!g_file_get_contents (parent_path, &parent_comm, NULL, NULL) ||
          strcmp (g_strchomp (parent_comm), "glustereventsd") != 0)
        return atoi (pid);
    }
  g_error ("glustereventsd is not running (scripts/sandbox starts it)");
}

/* gluster-eventsapi COMMAND URL, with --bearer_token TOKEN when @token. */
static void
eventsapi (const char *command, const char *url, const char *token)
{
  const char *argv[] = { "gluster-eventsapi",
                         command,
                         url,
                         token ? "--bearer_token" : NULL,
                         token,
                         NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  g_test_message ("gluster-eventsapi %s: %s", command, out);
  g_assert_cmpint (status, ==, 0);
}

/* Registers @service's webhook as an administrator would by hand (with
 * the token its posts must carry; RegisterEventsWebhook needs polkit,
 * which this private bus has not: tests/test-cluster.c and the
 * two-cluster sandbox use it), and lists it
 * for `scripts/sandbox down`. Then reloads glustereventsd by signal: its
 * pid file is gone (see scripts/sandbox, start_glustereventsd), so
 * webhook-add's own reload does not reach it. */
static char *
register_webhook (GrPrivateService *real)
{
  g_autofree char *file =
      gr_private_service_path (real, "state/events-webhook-url");
  g_autofree char *list =
      g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "webhooks", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *token = token_of (real);
  char *url;

  g_assert_true (g_file_get_contents (file, &url, NULL, NULL));
  g_strstrip (url);
  g_file_get_contents (list, &listed, NULL, NULL);
  text = g_strconcat (listed ? listed : "", url, "\n", NULL);
  g_assert_true (g_file_set_contents (list, text, -1, NULL));
  eventsapi ("webhook-add", url, token);
  g_assert_cmpint (kill (glustereventsd_pid (), SIGUSR2), ==, 0);
  /* The reload starts a new webhook process. */
  g_usleep (2 * G_USEC_PER_SEC);
  return url;
}

typedef struct {
  GrSession *session;
  const char *value;
} ConfigWait;

/* The effective value: this georepd's glusterd directory is a private
 * one without the session's gsyncd.conf, so Config (the options set, read
 * from there) stays empty; what gluster reported at the refresh is here. */
static gboolean
sync_jobs_is (gpointer data)
{
  ConfigWait *wait = data;
  g_autoptr (GVariant) config = NULL;
  const char *value = NULL;

  if (!gr_session_call_get_effective_config_sync (
          wait->session, g_variant_new ("a{sv}", NULL), &config, NULL, NULL))
    return FALSE;
  return g_variant_lookup (config, "sync-jobs", "&s", &value) &&
         g_strcmp0 (value, wait->value) == 0;
}

static void
set_sync_jobs (const char *value)
{
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", REAL_PRIMARY,
                                    REAL_HOST "::" REAL_SECONDARY, "config",
                                    "sync-jobs", value, NULL),
                   ==, 0);
}

static GrPrivateService *
start_real_service (void)
{
  GrPrivateService *real = gr_private_service_new ("events-real");
  /* Never polls; its own glusterd directory, so that no status file or
   * session directory it watches tells it of the change either. */
  g_autofree char *config = g_strdup_printf (
      "GlusterCommand=%s\nPollInterval=3600\nPollIntervalMin=3600\n"
      "EventsListener=true\nEventsPort=%u\nGlusterdDirectory=%s\n"
      "GlusterHooksDirectory=/var/lib/glusterd/hooks\n",
      gr_test_env ("GEOREP_GLUSTER"), free_port (), real->dir);

  gr_private_service_start (real, config);
  return real;
}

static void
create_real_session (void)
{
  g_autofree char *ssh_port = g_strdup (gr_test_env ("GEOREP_SSH_PORT"));

  gr_test_session_destroy (REAL_PRIMARY, REAL_HOST, REAL_SECONDARY);
  gr_test_volume_create (REAL_PRIMARY);
  gr_test_volume_create (REAL_SECONDARY);
  g_assert_cmpint (gr_test_gluster ("system::", "execute", "gsec_create", NULL),
                   ==, 0);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", REAL_PRIMARY,
                                    REAL_HOST "::" REAL_SECONDARY, "create",
                                    "ssh-port", ssh_port, "no-verify", NULL),
                   ==, 0);
  /* no-verify, not push-pem: the session only has to exist and take
   * config changes. push-pem's post hook runs gluster commands over ssh,
   * which stall glusterd for minutes when anything else asks it
   * meanwhile (see gluster/gr-gluster-hooks.c). */
  gr_test_wait_for_hooks ();
}

/* A change made with the gluster CLI (`config sync-jobs N`, which raises
 * GEOREP_CONFIG_SET) reaches a georepd that never polls only through
 * glustereventsd's POST to its webhook: not before the webhook is
 * registered, and within seconds after. */
static void
test_glustereventsd (void)
{
  g_autofree char *path =
      gr_session_path (REAL_PRIMARY, REAL_HOST, REAL_SECONDARY);
  GrPrivateService *real = NULL;
  g_autoptr (GrSession) session = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  /* Neither is gsyncd's default (3). */
  ConfigWait wait = { NULL, "5" };

  create_real_session ();
  real = start_real_service ();
  session = gr_session_proxy_new_sync (real->bus, G_DBUS_PROXY_FLAGS_NONE,
                                       GR_DBUS_NAME, path, NULL, &error);
  g_assert_no_error (error);
  wait.session = session;
  g_assert_nonnull (gr_session_get_config (session));
  g_assert_false (sync_jobs_is (&wait));
  set_sync_jobs ("5");
  g_assert_false (gr_test_wait_for (sync_jobs_is, &wait, 5000));

  url = register_webhook (real);
  wait.value = "6";
  set_sync_jobs ("6");
  g_assert_true (gr_test_wait_for (sync_jobs_is, &wait, 30000));

  eventsapi ("webhook-del", url, NULL);
  g_clear_object (&session);
  gr_private_service_stop (real);
  gr_test_session_destroy (REAL_PRIMARY, REAL_HOST, REAL_SECONDARY);
  gr_test_volume_destroy (REAL_PRIMARY);
  gr_test_volume_destroy (REAL_SECONDARY);
}

int
main (int argc, char **argv)
{
  g_autofree char *script = NULL, *data = NULL, *gluster = NULL,
                  *data_link = NULL, *config = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/events/parse", test_parse);
  service = gr_private_service_new ("events");
  script =
      g_build_filename (g_getenv ("G_TEST_SRCDIR"), "gluster-standin.sh", NULL);
  data = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", NULL);
  gluster = gr_private_service_path (service, "gluster");
  data_link = gr_private_service_path (service, "data");
  g_assert_cmpint (symlink (script, gluster), ==, 0);
  g_assert_cmpint (symlink (data, data_link), ==, 0);
  gr_private_service_write (service, "mode", "answer");
  port = free_port ();
  /* Its own glusterd directory: session directories coming and going on
   * this machine must not cause refreshes the test would count. */
  config = g_strdup_printf (
      "GlusterCommand=%s\nPollInterval=3600\nPollIntervalMin=3600\n"
      "EventsListener=true\nEventsPort=%u\nGlusterdDirectory=%s\n",
      gluster, port, service->dir);
  gr_private_service_start (service, config);
  g_test_add_func ("/events/refreshes-the-named-session",
                   test_event_refreshes_session);
  g_test_add_func ("/events/other-events-do-nothing",
                   test_other_events_do_nothing);
  g_test_add_func ("/events/secret-required", test_secret_required);
  g_test_add_func ("/events/token-required", test_token_required);
  g_test_add_func ("/events/refreshes-coalesced", test_refreshes_coalesced);
  g_test_add_func ("/events/unknown-sessions-no-command",
                   test_unknown_sessions_no_command);
  g_test_add_func ("/events/connections-capped", test_connections_capped);
  g_test_add_func ("/events/peer-limited", test_peer_limited);
  g_test_add_func ("/events/request-bounded", test_request_bounded);
  g_test_add_func ("/events/register-refused", test_register_refused);
  g_test_add_func ("/events/port-taken", test_port_taken);
  g_test_add_func ("/events/socket-from-systemd", test_socket_from_systemd);
  g_test_add_func ("/events/glustereventsd", test_glustereventsd);
  status = g_test_run ();
  gr_private_service_stop (service);
  return status;
}

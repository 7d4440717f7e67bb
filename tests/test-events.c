/* The gluster events listener: parsing of both key generations, and a
 * georepd of its own (gluster stand-in, private bus) that refreshes the
 * named session when an event body is POSTed to it over loopback. */
#include <gio/gio.h>

#include "gr-events.h"
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

  g_assert_true (gr_events_parse (body, strlen (body), &got_event, &got_primary,
                                  &got_host, &got_secondary));
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

  assert_parsed ("georep-faulty.json", "GEOREP_FAULTY", "grsb_rec_p",
                 "127.0.0.1", "grsb_rec_s2");
  assert_parsed ("georep-faulty-v9.json", "GEOREP_FAULTY", "grsb_rec_p",
                 "127.0.0.1", "grsb_rec_s2");
  assert_parsed ("georep-start.json", "GEOREP_START", "grsb_rec_p", "127.0.0.1",
                 "grsb_rec_s2");
  g_assert_false (gr_events_parse (volume_start, strlen (volume_start), &event,
                                   &primary, &host, &secondary));
  g_assert_false (
      gr_events_parse ("not json", 8, &event, &primary, &host, &secondary));
  /* A name that could not be a volume names no session: refresh all. */
  g_assert_true (gr_events_parse (hostile, strlen (hostile), &event, &primary,
                                  &host, &secondary));
  g_assert_null (primary);
}

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

static char *
post (const char *body)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autofree char *request = NULL;
  char reply[256] = { 0 };
  g_autoptr (GError) error = NULL;

  connection =
      g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf (
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: %zu\r\n\r\n%s",
      strlen (body), body);
  g_output_stream_write_all (
      g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
      strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (
      g_io_stream_get_input_stream (G_IO_STREAM (connection)), reply,
      sizeof reply - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (reply);
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
  status = g_test_run ();
  gr_private_service_stop (service);
  return status;
}

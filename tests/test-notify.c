/* Integration test: georepd tells systemd that it is ready, and that it
 * is stopping, over $NOTIFY_SOCKET (sd_notify of libsystemd). A datagram
 * socket of the test stands where systemd's would; the service is a
 * private georepd (gr-test-private.h) with the gluster stand-in, so the
 * test needs no glusterd. */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gr-test-private.h"
#include "gr-test-util.h"

static int
bind_socket (const char *path)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof address.sun_path);
  strcpy (address.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==,
                   0);
  return fd;
}

typedef struct {
  int fd;
  GString *received; /* every datagram, one per line */
} Listener;

/* Collects what arrived; TRUE once @data's word is among it. */
static gboolean
received_word (Listener *listener, const char *word)
{
  char buffer[4096];
  ssize_t count;

  while ((count = recv (listener->fd, buffer, sizeof buffer - 1, 0)) > 0)
    {
      buffer[count] = '\0';
      g_string_append_printf (listener->received, "%s\n", buffer);
    }
  return strstr (listener->received->str, word) != NULL;
}

static Listener *the_listener;

static gboolean
ready_received (gpointer data)
{
  return received_word (the_listener, "READY=1");
}

static gboolean
stopping_received (gpointer data)
{
  return received_word (the_listener, "STOPPING=1");
}

static void
test_ready_and_stopping (void)
{
  GrPrivateService *service = gr_private_service_new ("notify");
  g_autofree char *socket_path = gr_private_service_path (service, "notify");
  g_autofree char *config = NULL;
  Listener listener = { bind_socket (socket_path), g_string_new (NULL) };

  the_listener = &listener;
  gr_private_service_install_standin (service);
  service->extra_env = g_strdup_printf ("NOTIFY_SOCKET=%s", socket_path);
  config = g_strdup_printf ("GlusterCommand=%s/gluster\nPollInterval=3600\n"
                            "PollIntervalMin=3600\nGlusterdDirectory=%s\n",
                            service->dir, service->dir);
  gr_private_service_start (service, config);
  g_assert_true (gr_test_wait_for (ready_received, NULL, 10000));
  g_assert_false (strstr (listener.received->str, "STOPPING=1"));
  kill (service->service_pid, SIGTERM);
  g_assert_true (gr_test_wait_for (stopping_received, NULL, 10000));
  service->service_pid = 0;
  gr_private_service_stop (service);
  close (listener.fd);
  g_string_free (listener.received, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/notify/ready-and-stopping", test_ready_and_stopping);
  return g_test_run ();
}

/* Unit tests of the sd_notify protocol (service/gr-notify.c): a datagram
 * socket stands where systemd's would, by path and in the abstract
 * namespace. */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gr-notify.h"

static int
bind_socket (const char *name, gboolean abstract)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  socklen_t length =
      (socklen_t) (G_STRUCT_OFFSET (struct sockaddr_un, sun_path) +
                   strlen (name));

  g_assert_cmpint (fd, >=, 0);
  strcpy (address.sun_path, name);
  if (abstract)
    address.sun_path[0] = '\0';
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, length), ==, 0);
  return fd;
}

static char *
receive (int fd)
{
  char buffer[256];
  ssize_t count = recv (fd, buffer, sizeof buffer - 1, 0);

  if (count < 0)
    return NULL;
  buffer[count] = '\0';
  return g_strdup (buffer);
}

static void
test_path_socket (void)
{
  g_autofree char *dir = g_dir_make_tmp ("georepd-notify-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notify", NULL);
  int fd = bind_socket (path, FALSE);
  g_autofree char *message = NULL;

  g_setenv ("NOTIFY_SOCKET", path, TRUE);
  gr_notify ("READY=1");
  message = receive (fd);
  close (fd);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_cmpstr (message, ==, "READY=1");
}

static void
test_abstract_socket (void)
{
  g_autofree char *name =
      g_strdup_printf ("@georepd-test-notify-%d", (int) getpid ());
  int fd = bind_socket (name, TRUE);
  g_autofree char *message = NULL;

  g_setenv ("NOTIFY_SOCKET", name, TRUE);
  gr_notify ("STOPPING=1");
  message = receive (fd);
  close (fd);
  g_assert_cmpstr (message, ==, "STOPPING=1");
}

static void
test_relative_name_ignored (void)
{
  g_autofree char *dir = g_dir_make_tmp ("georepd-notify-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notify", NULL);
  int fd = bind_socket (path, FALSE);
  g_autofree char *message = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  /* Only an absolute path or '@' names systemd's socket: with the
   * relative name of an existing socket, nothing is sent. */
  g_assert_cmpint (chdir (dir), ==, 0);
  g_setenv ("NOTIFY_SOCKET", "notify", TRUE);
  gr_notify ("READY=1");
  message = receive (fd);
  g_assert_cmpint (chdir (cwd), ==, 0);
  close (fd);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_null (message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/notify/path-socket", test_path_socket);
  g_test_add_func ("/notify/abstract-socket", test_abstract_socket);
  g_test_add_func ("/notify/relative-name-ignored", test_relative_name_ignored);
  return g_test_run ();
}

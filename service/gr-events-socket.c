/* georepd: where the events listener listens.
 *
 * With georepd.socket (data/), systemd holds the port from boot, so no
 * local user can take it first; georepd takes that socket
 * (sd_listen_fds). Without it, georepd binds EventsListenAddress
 * (127.0.0.1 unless set: glustereventsd of this node posts locally; the
 * other nodes' need an address they reach) and EventsPort itself, and
 * reports when it cannot (gr-events.c). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <systemd/sd-daemon.h>

#include "gr-error.h"
#include "gr-events-socket.h"

static GSocket *
socket_from_systemd (int fd, GError **error)
{
  /* Not for the gluster commands and ssh georepd runs. */
  fcntl (fd, F_SETFD, FD_CLOEXEC);
  if (sd_is_socket (fd, AF_UNSPEC, SOCK_STREAM, 1) <= 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "The socket systemd passed is not a listening stream "
                   "socket (see georepd.socket)");
      return NULL;
    }
  return g_socket_new_from_fd (fd, error);
}

static GSocket *
socket_on (const char *host, guint port, GError **error)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (host);
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) local = NULL;

  /* gr-config.c made sure it is an address. */
  g_return_val_if_fail (inet != NULL, NULL);
  address = g_inet_socket_address_new (inet, (guint16) port);
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  if (!g_socket_bind (socket, address, TRUE, &local) ||
      !g_socket_listen (socket, &local))
    {
      /* GLib's message names the address again: say it once. */
      g_set_error (
          error, GR_ERROR, GR_ERROR_FAILED,
          strchr (host, ':') ? "Cannot listen on [%s]:%u: %s"
                             : "Cannot listen on %s:%u: %s",
          host, port,
          g_error_matches (local, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE)
              ? "another process holds the port (address in use)"
              : local->message);
      return NULL;
    }
  return g_steal_pointer (&socket);
}

GSocket *
gr_events_socket_open (const char *host, guint port, GError **error)
{
  int n = sd_listen_fds (TRUE);

  if (n < 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot take the sockets systemd passed: %s",
                   g_strerror (-n));
      return NULL;
    }
  if (n > 1)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "systemd passed %d sockets; georepd takes one "
                   "(see georepd.socket)",
                   n);
      return NULL;
    }
  if (n == 1)
    return socket_from_systemd (SD_LISTEN_FDS_START, error);
  return socket_on (host, port, error);
}

char *
gr_events_socket_authority (GSocket *socket)
{
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  GInetSocketAddress *inet;
  g_autofree char *host = NULL;

  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return g_strdup ("127.0.0.1:0");
  inet = G_INET_SOCKET_ADDRESS (local);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  return g_strdup_printf (strchr (host, ':') ? "[%s]:%u" : "%s:%u", host,
                          g_inet_socket_address_get_port (inet));
}

/* georepd: the sd_notify protocol, written out.
 *
 * One datagram with "VARIABLE=value" lines to the unix socket named by
 * $NOTIFY_SOCKET ('@' for the abstract namespace). Doing it here instead
 * of linking libsystemd keeps libsystemd and the six libraries it pulls
 * in (gcrypt, lz4, zstd, lzma, cap, gpg-error) out of the service. */
#include <stddef.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gr-notify.h"

static gboolean
notify_address (struct sockaddr_un *address, socklen_t *length)
{
  const char *path = g_getenv ("NOTIFY_SOCKET");
  gsize path_length = path ? strlen (path) : 0;

  if (path_length == 0 || path_length >= sizeof address->sun_path ||
      (path[0] != '/' && path[0] != '@'))
    return FALSE;
  memset (address, 0, sizeof *address);
  address->sun_family = AF_UNIX;
  memcpy (address->sun_path, path, path_length);
  if (path[0] == '@')
    address->sun_path[0] = '\0';
  *length = offsetof (struct sockaddr_un, sun_path) + path_length;
  return TRUE;
}

void
gr_notify (const char *state)
{
  struct sockaddr_un address;
  socklen_t length;
  int fd;

  if (!notify_address (&address, &length))
    return;
  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return;
  if (sendto (fd, state, strlen (state), MSG_NOSIGNAL,
              (struct sockaddr *) &address, length) < 0)
    g_debug ("Cannot notify systemd: %s", g_strerror (errno));
  close (fd);
}

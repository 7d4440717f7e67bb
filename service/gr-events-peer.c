/* georepd: the peer of a connection to the events listener.
 *
 * The listener caps connections per peer (gr-events-gate.c). On
 * loopback every local user can connect from any of 127.0.0.0/8, so an
 * address would not stop one user from holding all connections; the
 * owner of the connecting socket does. The kernel reports it through
 * its socket diagnostics (NETLINK_SOCK_DIAG, the interface of `ss -e`):
 * one request naming the peer's socket, answered at once. */
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gr-events-peer.h"

typedef struct {
  struct nlmsghdr header;
  struct inet_diag_req_v2 request;
} GrDiagRequest;

/* An IPv4 address seen through a dual-stack socket is asked as IPv4. */
static void
set_address (guint32 *dst, guint16 *port, const struct sockaddr_storage *ss)
{
  const struct sockaddr_in *in4 = (const struct sockaddr_in *) ss;
  const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) ss;

  if (ss->ss_family == AF_INET)
    {
      memcpy (dst, &in4->sin_addr, 4);
      *port = in4->sin_port;
    }
  else if (IN6_IS_ADDR_V4MAPPED (&in6->sin6_addr))
    {
      memcpy (dst, &in6->sin6_addr.s6_addr[12], 4);
      *port = in6->sin6_port;
    }
  else
    {
      memcpy (dst, &in6->sin6_addr, 16);
      *port = in6->sin6_port;
    }
}

static int
family_of (const struct sockaddr_storage *ss)
{
  const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) ss;

  if (ss->ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED (&in6->sin6_addr))
    return AF_INET;
  return ss->ss_family;
}

/* The peer's socket as the kernel names it: from the peer's side, so
 * its source is the peer and its destination is this listener. */
static gboolean
peer_socket (GSocketConnection *connection, GrDiagRequest *diag)
{
  g_autoptr (GSocketAddress) local =
      g_socket_connection_get_local_address (connection, NULL);
  g_autoptr (GSocketAddress) remote =
      g_socket_connection_get_remote_address (connection, NULL);
  struct sockaddr_storage ours, theirs;
  struct inet_diag_sockid *id = &diag->request.id;

  if (local == NULL || remote == NULL ||
      !g_socket_address_to_native (local, &ours, sizeof ours, NULL) ||
      !g_socket_address_to_native (remote, &theirs, sizeof theirs, NULL) ||
      (theirs.ss_family != AF_INET && theirs.ss_family != AF_INET6))
    return FALSE;
  diag->request.sdiag_family = family_of (&theirs);
  set_address (id->idiag_src, &id->idiag_sport, &theirs);
  set_address (id->idiag_dst, &id->idiag_dport, &ours);
  id->idiag_cookie[0] = id->idiag_cookie[1] = INET_DIAG_NOCOOKIE;
  return TRUE;
}

/* The owner of the socket @diag names, when it is one of this machine. */
static gboolean
socket_owner (GrDiagRequest *diag, guint *uid)
{
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  struct timeval timeout = { .tv_sec = 0, .tv_usec = 100000 };
  union {
    struct nlmsghdr header;
    char bytes[1024];
  } reply;
  ssize_t n = -1;
  int fd = socket (AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

  if (fd < 0)
    return FALSE;
  diag->header.nlmsg_len = sizeof *diag;
  diag->header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  diag->header.nlmsg_flags = NLM_F_REQUEST;
  diag->request.sdiag_protocol = IPPROTO_TCP;
  diag->request.idiag_states = ~0U;
  /* The kernel answers within the request; the timeout is a backstop. */
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (sendto (fd, diag, sizeof *diag, 0, (struct sockaddr *) &kernel,
              sizeof kernel) == (ssize_t) sizeof *diag)
    n = recv (fd, &reply, sizeof reply, 0);
  close (fd);
  /* Not found (NLMSG_ERROR): the peer is not of this machine. */
  if (n < (ssize_t) NLMSG_LENGTH (sizeof (struct inet_diag_msg)) ||
      reply.header.nlmsg_type != SOCK_DIAG_BY_FAMILY)
    return FALSE;
  *uid = ((struct inet_diag_msg *) NLMSG_DATA (&reply.header))->idiag_uid;
  return TRUE;
}

char *
gr_events_peer_key (GSocketConnection *connection)
{
  g_autoptr (GSocketAddress) remote =
      g_socket_connection_get_remote_address (connection, NULL);
  GrDiagRequest diag = { 0 };
  g_autofree char *address = NULL;
  guint uid;

  if (peer_socket (connection, &diag) && socket_owner (&diag, &uid))
    return g_strdup_printf ("uid %u", uid);
  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return g_strdup ("address unknown");
  address = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  return g_strdup_printf ("address %s", address);
}

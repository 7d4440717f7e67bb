/* georepctl: a bare connection to the system bus for the calls that
 * only read.
 *
 * GDBus connects in steps: five round trips of authentication (AUTH,
 * AUTH EXTERNAL, DATA, NEGOTIATE_UNIX_FD, BEGIN), one for Hello, and two
 * threads started; for georepctl status that was a third of its time.
 * A one-shot read needs none of it. Here the authentication, Hello and
 * the call go out in one write, as D-Bus allows a client to send ahead
 * of the answers (sd-bus does the same), and the answers come back
 * together. GIO still writes and reads the messages (GDBusMessage) and
 * turns an error reply into the GError GDBus would give.
 *
 * Whatever is unexpected (a bus address other than unix:path=, refused
 * authentication, a closed connection, a reply of another type) is no
 * error here: the caller then makes the call again through GDBus, whose
 * errors people know. Only calls that can be made twice come here. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "georepctl.h"

#define HELLO_SERIAL 1
/* GDBus's default in GLib 2.74, when DBUS_SYSTEM_BUS_ADDRESS is unset. */
#define DEFAULT_SYSTEM_BUS "unix:path=/var/run/dbus/system_bus_socket"

struct CtlBus {
  int fd; /* -1 once unusable */
  guint32 serial;
  gboolean authenticated;
  GByteArray *out; /* what goes out with the next call */
  GByteArray *in;  /* read and not yet taken */
};

/* The socket of a "unix:path=…[,guid=…]" address; NULL for any other
 * kind (abstract sockets, tcp, a list of addresses), left to GDBus. */
static char *
socket_path (const char *address)
{
  g_auto (GStrv) pairs = NULL;
  g_autofree char *path = NULL;

  if (!g_str_has_prefix (address, "unix:") || strchr (address, ';') != NULL)
    return NULL;
  pairs = g_strsplit (address + strlen ("unix:"), ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (path == NULL && g_str_has_prefix (pairs[i], "path="))
        path = g_uri_unescape_string (pairs[i] + strlen ("path="), NULL);
      else if (!g_str_has_prefix (pairs[i], "guid="))
        return NULL;
    }
  return g_steal_pointer (&path);
}

static int
connect_socket (const char *path)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd;

  if (strlen (path) >= sizeof address.sun_path)
    return -1;
  strcpy (address.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd >= 0 && connect (fd, (struct sockaddr *) &address, sizeof address) < 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
queue_message (CtlBus *bus, GDBusMessage *message)
{
  g_autofree guchar *blob = NULL;
  gsize size;

  g_dbus_message_set_serial (message, ++bus->serial);
  blob = g_dbus_message_to_blob (message, &size, G_DBUS_CAPABILITY_FLAGS_NONE,
                                 NULL);
  if (blob == NULL)
    return FALSE;
  g_byte_array_append (bus->out, blob, size);
  return TRUE;
}

/* The nul byte that opens every connection, then EXTERNAL: the bus
 * knows our uid from the socket, and we name it (in hex of its decimal
 * digits, as the protocol wants). */
static void
queue_authentication (CtlBus *bus)
{
  g_autofree char *uid = g_strdup_printf ("%u", (guint) geteuid ());
  g_autoptr (GString) line = g_string_new ("AUTH EXTERNAL ");

  for (const char *c = uid; *c != '\0'; c++)
    g_string_append_printf (line, "%02x", (guint) *c);
  g_string_append (line, "\r\nBEGIN\r\n");
  g_byte_array_append (bus->out, (const guint8 *) "", 1);
  g_byte_array_append (bus->out, (const guint8 *) line->str, line->len);
}

/* Connects, and queues what the first call sends ahead of itself. Never
 * fails: a bus that could not connect answers no call. */
CtlBus *
ctl_bus_new (void)
{
  const char *address = g_getenv ("DBUS_SYSTEM_BUS_ADDRESS");
  g_autofree char *path = socket_path (address ? address : DEFAULT_SYSTEM_BUS);
  g_autoptr (GDBusMessage) hello = g_dbus_message_new_method_call (
      "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
      "Hello");
  CtlBus *bus = g_new0 (CtlBus, 1);

  bus->out = g_byte_array_new ();
  bus->in = g_byte_array_new ();
  bus->fd = path ? connect_socket (path) : -1;
  queue_authentication (bus);
  queue_message (bus, hello);
  return bus;
}

void
ctl_bus_free (CtlBus *bus)
{
  if (bus->fd >= 0)
    close (bus->fd);
  g_byte_array_unref (bus->out);
  g_byte_array_unref (bus->in);
  g_free (bus);
}

/* Closes the connection for good: the caller goes through GDBus. */
static gboolean
give_up (CtlBus *bus)
{
  if (bus->fd >= 0)
    close (bus->fd);
  bus->fd = -1;
  return FALSE;
}

static gboolean
send_queued (CtlBus *bus)
{
  gsize sent = 0;

  while (sent < bus->out->len)
    {
      ssize_t n = send (bus->fd, bus->out->data + sent, bus->out->len - sent,
                        MSG_NOSIGNAL);

      if (n < 0 && errno != EINTR)
        return FALSE;
      if (n > 0)
        sent += n;
    }
  g_byte_array_set_size (bus->out, 0);
  return TRUE;
}

/* -1 (no deadline) for poll(), or the milliseconds left, rounded up. */
static int
poll_timeout (gint64 deadline)
{
  gint64 left;

  if (deadline < 0)
    return -1;
  left = deadline - g_get_monotonic_time ();
  return left <= 0 ? 0 : (int) ((left + 999) / 1000);
}

static gboolean
read_more (CtlBus *bus, gint64 deadline, gboolean *timed_out)
{
  struct pollfd pfd = { .fd = bus->fd, .events = POLLIN };
  guint8 chunk[65536];
  ssize_t n;
  int r;

  do
    r = poll (&pfd, 1, poll_timeout (deadline));
  while (r < 0 && errno == EINTR);
  *timed_out = r == 0;
  if (r <= 0)
    return FALSE;
  do
    n = recv (bus->fd, chunk, sizeof chunk, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return FALSE;
  g_byte_array_append (bus->in, chunk, n);
  return TRUE;
}

/* The server's answer to the authentication: 1 when it was OK, 0 when
 * it is not all read yet, -1 for anything else. */
static int
take_auth_answer (CtlBus *bus)
{
  const guint8 *end = memmem (bus->in->data, bus->in->len, "\r\n", 2);
  gboolean ok;

  if (end == NULL)
    return 0;
  ok = bus->in->len >= 3 && memcmp (bus->in->data, "OK ", 3) == 0;
  g_byte_array_remove_range (bus->in, 0, end + 2 - bus->in->data);
  bus->authenticated = ok;
  return ok ? 1 : -1;
}

/* The size of the first message when it is all read, 0 when it is not,
 * -1 when it is no message. */
static gssize
complete_message_size (CtlBus *bus)
{
  gssize size;

  if (bus->in->len < 16)
    return 0;
  size = g_dbus_message_bytes_needed (bus->in->data, 16, NULL);
  if (size < 0)
    return -1;
  return (gsize) size <= bus->in->len ? size : 0;
}

static GDBusMessage *
take_message (CtlBus *bus, gsize size)
{
  GDBusMessage *message = g_dbus_message_new_from_blob (
      bus->in->data, size, G_DBUS_CAPABILITY_FLAGS_NONE, NULL);

  g_byte_array_remove_range (bus->in, 0, size);
  return message;
}

/* The next message, read as far as needed; NULL when there is none in
 * time (*timed_out) or the connection is of no use. */
static GDBusMessage *
next_message (CtlBus *bus, gint64 deadline, gboolean *timed_out)
{
  for (;;)
    {
      gssize size = 0;

      if (!bus->authenticated)
        {
          int answer = take_auth_answer (bus);

          if (answer < 0)
            return NULL;
          if (answer > 0)
            continue;
        }
      else if ((size = complete_message_size (bus)) != 0)
        return size > 0 ? take_message (bus, size) : NULL;
      if (!read_more (bus, deadline, timed_out))
        return NULL;
    }
}

static gboolean
is_reply_to (GDBusMessage *message, guint32 serial)
{
  GDBusMessageType type = g_dbus_message_get_message_type (message);

  return (type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN ||
          type == G_DBUS_MESSAGE_TYPE_ERROR) &&
         g_dbus_message_get_reply_serial (message) == serial;
}

/* Skips what else comes: Hello's reply, the bus's NameAcquired signal. */
static GDBusMessage *
wait_for_reply (CtlBus *bus,
                guint32 serial,
                gint64 deadline,
                gboolean *timed_out)
{
  for (;;)
    {
      g_autoptr (GDBusMessage) message =
          next_message (bus, deadline, timed_out);

      if (message == NULL)
        return NULL;
      if (is_reply_to (message, serial))
        return g_steal_pointer (&message);
      if (is_reply_to (message, HELLO_SERIAL) &&
          g_dbus_message_get_message_type (message) ==
              G_DBUS_MESSAGE_TYPE_ERROR)
        return NULL;
    }
}

/* As g_dbus_connection_call_sync () answers: the body, "()" for none,
 * or the error replied. A body of another type than expected is left
 * to GDBus to word. */
static gboolean
take_reply (GDBusMessage *answer,
            const GVariantType *reply_type,
            GVariant **reply,
            GError **error)
{
  GVariant *body = g_dbus_message_get_body (answer);

  if (g_dbus_message_get_message_type (answer) == G_DBUS_MESSAGE_TYPE_ERROR)
    {
      g_dbus_message_to_gerror (answer, error);
      return TRUE;
    }
  body =
      body ? g_variant_ref (body) : g_variant_ref_sink (g_variant_new ("()"));
  if (reply_type != NULL && !g_variant_is_of_type (body, reply_type))
    {
      g_variant_unref (body);
      return FALSE;
    }
  *reply = body;
  return TRUE;
}

/* TRUE when the bus answered: *reply is set, or @error to the error
 * replied or to a timeout after @timeout_ms (G_MAXINT: none). FALSE
 * when this connection cannot serve: nothing is set, and the call is to
 * be made through GDBus. */
gboolean
ctl_bus_call (CtlBus *bus,
              GDBusMessage *call,
              const GVariantType *reply_type,
              int timeout_ms,
              GVariant **reply,
              GError **error)
{
  gint64 deadline = timeout_ms == G_MAXINT
                        ? -1
                        : g_get_monotonic_time () +
                              (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_autoptr (GDBusMessage) answer = NULL;
  gboolean timed_out = FALSE;

  if (bus->fd < 0 || !queue_message (bus, call) || !send_queued (bus))
    return give_up (bus);
  answer = wait_for_reply (bus, g_dbus_message_get_serial (call), deadline,
                           &timed_out);
  if (timed_out)
    {
      /* GDBus's words, in GLib's translation. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           g_dgettext ("glib20", "Timeout was reached"));
      return TRUE;
    }
  if (answer == NULL || !take_reply (answer, reply_type, reply, error))
    return give_up (bus);
  return TRUE;
}

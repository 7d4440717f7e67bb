/* georepd: running one constant command over an SSH channel.
 *
 * Caller data never goes into the command string: it is written to the
 * command's stdin. Output is capped and every wait is bounded by the
 * operation's deadline, so a hostile or stuck server cannot keep a worker
 * thread forever. */
#include <string.h>

#include "gr-error.h"
#include "gr-ssh-private.h"
#include "gr-text.h"

/* How long one read waits before stderr and the deadline are looked at. */
#define READ_SLICE_MS 100
#define READ_BUFFER_SIZE 65536

static gboolean
channel_failed (GrSshConn *conn, int rc, GError **error)
{
  gr_ssh_conn_set_error (conn, rc == SSH_AGAIN, "running a command on", error);
  return FALSE;
}

static gboolean
start_command (GrSshConn *conn,
               ssh_channel channel,
               const char *command,
               GError **error)
{
  int rc;

  if (!gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  rc = ssh_channel_open_session (channel);
  if (rc != SSH_OK)
    return channel_failed (conn, rc, error);
  if (!gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  rc = ssh_channel_request_exec (channel, command);
  if (rc != SSH_OK)
    return channel_failed (conn, rc, error);
  return TRUE;
}

static gboolean
send_input (GrSshConn *conn,
            ssh_channel channel,
            const char *input,
            GError **error)
{
  size_t len = input ? strlen (input) : 0;
  int rc;

  if (len > 0)
    {
      if (!gr_ssh_conn_begin_step (conn, error))
        return FALSE;
      rc = ssh_channel_write (channel, input, len);
      if (rc < 0 || (size_t) rc != len)
        return channel_failed (conn, rc, error);
    }
  if (!gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  rc = ssh_channel_send_eof (channel);
  return rc == SSH_OK || channel_failed (conn, rc, error);
}

static gboolean
append_capped (GrSshConn *conn,
               GString *buffer,
               const char *data,
               int len,
               GError **error)
{
  if (len <= 0)
    return TRUE;
  if (buffer->len + (gsize) len > GR_SSH_OUTPUT_MAX)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "A command on %s wrote more than %u bytes",
                   conn->target->host, (guint) GR_SSH_OUTPUT_MAX);
      return FALSE;
    }
  g_string_append_len (buffer, data, len);
  return TRUE;
}

static int
remaining_ms (GrSshConn *conn)
{
  gint64 left = (conn->deadline - g_get_monotonic_time ()) / 1000;

  return (int) CLAMP (left, 0, READ_SLICE_MS);
}

static gboolean
read_stream (GrSshConn *conn,
             ssh_channel channel,
             int is_stderr,
             char *buf,
             GString *into,
             int *n,
             GError **error)
{
  if (is_stderr)
    *n = ssh_channel_read_nonblocking (channel, buf, READ_BUFFER_SIZE, 1);
  else
    *n = ssh_channel_read_timeout (channel, buf, READ_BUFFER_SIZE, 0,
                                   remaining_ms (conn));
  if (*n == SSH_AGAIN)
    *n = 0;
  if (*n == SSH_ERROR)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Error reading the output of a command on %s: %s",
                   conn->target->host, ssh_get_error (conn->session));
      return FALSE;
    }
  return append_capped (conn, into, buf, *n, error);
}

/* Reads stdout in short slices and stderr in between, so that neither
 * stream can fill its window while the other is waited on. */
static gboolean
read_output (GrSshConn *conn,
             ssh_channel channel,
             GString *out,
             GString *err,
             GError **error)
{
  g_autofree char *buf = g_malloc (READ_BUFFER_SIZE);

  while (!ssh_channel_is_eof (channel))
    {
      int n_out, n_err;

      if (remaining_ms (conn) == 0)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_TIMEDOUT,
                       "Timed out waiting for a command on %s",
                       conn->target->host);
          return FALSE;
        }
      if (!read_stream (conn, channel, 0, buf, out, &n_out, error) ||
          !read_stream (conn, channel, 1, buf, err, &n_err, error))
        return FALSE;
      /* A channel closed without EOF has nothing more to give. */
      if (n_out == 0 && n_err == 0 && ssh_channel_is_closed (channel))
        break;
    }
  return TRUE;
}

gboolean
gr_ssh_exec (GrSshConn *conn,
             const char *command,
             const char *input,
             char **out,
             char **err,
             int *exit_status,
             GError **error)
{
  g_auto (ssh_channel) channel = ssh_channel_new (conn->session);
  g_autoptr (GString) out_buf = g_string_new (NULL);
  g_autoptr (GString) err_buf = g_string_new (NULL);

  if (channel == NULL)
    return channel_failed (conn, SSH_ERROR, error);
  if (!start_command (conn, channel, command, error) ||
      !send_input (conn, channel, input, error) ||
      !read_output (conn, channel, out_buf, err_buf, error) ||
      !gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  *exit_status = ssh_channel_get_exit_status (channel);
  ssh_channel_close (channel);
  *out = g_string_free (g_steal_pointer (&out_buf), FALSE);
  *err = g_string_free (g_steal_pointer (&err_buf), FALSE);
  return TRUE;
}

char *
gr_ssh_first_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  const char *start = valid + strspn (valid, " \t\r\n");
  g_autofree char *line = g_strndup (start, strcspn (start, "\r\n"));

  return gr_text_clean (line, 200);
}

void
gr_ssh_error_clean (GError *error)
{
  char *clean;

  if (error == NULL)
    return;
  clean = gr_text_clean (error->message, GR_TEXT_MESSAGE_MAX);
  g_free (error->message);
  error->message = clean;
}

/* georepctl: reading a password without leaving copies behind. It is read
 * byte by byte into one buffer (no stdio buffers), handed to GDBus as that
 * very buffer, and wiped when the last reference to it goes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "georepctl.h"

#define SECRET_MAX 4096

struct CtlSecret {
  char *data; /* SECRET_MAX + 1 bytes, NUL-terminated */
  gsize len;
};

void
ctl_secret_free (CtlSecret *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret->data, SECRET_MAX + 1);
  g_free (secret->data);
  g_free (secret);
}

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, why);
  return FALSE;
}

/* One line: up to a newline or the end of the input. */
static gboolean
read_line (CtlSecret *secret, int fd, GError **error)
{
  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return refuse (error, g_strerror (errno));
      if (n == 0 || c == '\n')
        break;
      if (c == '\0')
        return refuse (error, _ ("The password contains a NUL byte"));
      if (secret->len == SECRET_MAX)
        return refuse (error, _ ("The password is too long"));
      secret->data[secret->len++] = c;
    }
  if (secret->len > 0 && secret->data[secret->len - 1] == '\r')
    secret->data[--secret->len] = '\0';
  if (secret->len == 0)
    return refuse (error, _ ("The password is empty"));
  if (!g_utf8_validate (secret->data, secret->len, NULL))
    return refuse (error, _ ("The password is not UTF-8"));
  return TRUE;
}

static gboolean
read_file (CtlSecret *secret, const char *file, GError **error)
{
  int fd = open (file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                   file, g_strerror (saved));
      return FALSE;
    }
  ok = read_line (secret, fd, error);
  close (fd);
  return ok;
}

/* Echo is off while the password is typed, and restored even when the
 * read fails. */
static gboolean
read_terminal (CtlSecret *secret, const char *prompt, GError **error)
{
  struct termios saved, quiet;
  gboolean ok;

  if (tcgetattr (STDIN_FILENO, &saved) < 0)
    return refuse (error, g_strerror (errno));
  quiet = saved;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  quiet.c_lflag |= ICANON;
  g_printerr ("%s", prompt);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  ok = read_line (secret, STDIN_FILENO, error);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  return ok;
}

/* From @file if given, else from the terminal without echo, else the
 * first line of stdin. */
CtlSecret *
ctl_secret_read (const char *file, const char *prompt, GError **error)
{
  CtlSecret *secret = g_new0 (CtlSecret, 1);
  gboolean ok;

  secret->data = g_malloc0 (SECRET_MAX + 1);
  if (file != NULL)
    ok = read_file (secret, file, error);
  else if (isatty (STDIN_FILENO))
    ok = read_terminal (secret, prompt, error);
  else
    ok = read_line (secret, STDIN_FILENO, error);
  if (!ok)
    {
      ctl_secret_free (secret);
      return NULL;
    }
  return secret;
}

/* A string GVariant over the secret's own buffer: no copy is made, and
 * the buffer is wiped when GDBus drops the message. Takes @secret. */
GVariant *
ctl_secret_to_variant (CtlSecret *secret)
{
  return g_variant_new_from_data (G_VARIANT_TYPE_STRING, secret->data,
                                  secret->len + 1, TRUE,
                                  (GDestroyNotify) ctl_secret_free, secret);
}

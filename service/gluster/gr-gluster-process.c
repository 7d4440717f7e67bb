/* georepd: one gluster CLI process.
 *
 * Spawned with posix_spawn, which glibc implements with a vfork-style
 * clone: GLib's spawn forks whenever it has descriptors to close, and
 * forking a service that holds a thousand sessions copies its page
 * tables and then pays copy-on-write faults, a large share of a refresh.
 * The output is read into one growing buffer on the main context. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>

#include "gr-gluster-process.h"

#define READ_CHUNK (64 * 1024)

struct _GrGlusterProcess {
  GPid pid;
  GInputStream *output_stream;
  GCancellable *reading;
  GByteArray *output;
  gsize output_max;
  gboolean output_ended;
  gboolean exited;
  int exit_status;
  gboolean timed_out;
  gboolean overflowed;
  guint child_watch_id;
  guint deadline_id;
  GrGlusterProcessDone done;
  gpointer data;
};

/* No variable of ours leaks into gluster (or the ssh it may run). */
static char *const clean_environment[] = {
  "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
  "LC_ALL=C",
  NULL,
};

static void
finish_if_done (GrGlusterProcess *process)
{
  if (process->exited && process->output_ended)
    process->done (process, process->data);
}

static void read_more (GrGlusterProcess *process);

static void
on_read (GObject *source, GAsyncResult *res, gpointer data)
{
  GrGlusterProcess *process = data;
  gssize count =
      g_input_stream_read_finish (G_INPUT_STREAM (source), res, NULL);
  gsize before = process->output->len - READ_CHUNK;

  g_byte_array_set_size (process->output, before + MAX (count, 0));
  if (count > 0 && process->output->len <= process->output_max)
    {
      read_more (process);
      return;
    }
  if (count > 0)
    {
      process->overflowed = TRUE;
      kill (process->pid, SIGKILL);
    }
  /* End of output, a read error or too much: the exit decides the rest. */
  process->output_ended = TRUE;
  finish_if_done (process);
}

static void
read_more (GrGlusterProcess *process)
{
  gsize len = process->output->len;

  g_byte_array_set_size (process->output, len + READ_CHUNK);
  g_input_stream_read_async (
      process->output_stream, process->output->data + len, READ_CHUNK,
      G_PRIORITY_DEFAULT, process->reading, on_read, process);
}

static void
on_child_exit (GPid pid, int wait_status, gpointer data)
{
  GrGlusterProcess *process = data;

  process->child_watch_id = 0;
  process->exited = TRUE;
  process->exit_status =
      WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_clear_handle_id (&process->deadline_id, g_source_remove);
  /* A killed gluster may leave a child (ssh) holding the pipe open. */
  if (process->timed_out || process->overflowed)
    g_cancellable_cancel (process->reading);
  finish_if_done (process);
}

static gboolean
on_deadline (gpointer data)
{
  GrGlusterProcess *process = data;

  process->deadline_id = 0;
  process->timed_out = TRUE;
  kill (process->pid, SIGKILL);
  return G_SOURCE_REMOVE;
}

static gboolean
prepare_actions (posix_spawn_file_actions_t *actions, int output_fd)
{
  return posix_spawn_file_actions_addopen (actions, STDIN_FILENO, "/dev/null",
                                           O_RDONLY, 0) == 0 &&
         posix_spawn_file_actions_adddup2 (actions, output_fd, STDOUT_FILENO) ==
             0 &&
         posix_spawn_file_actions_adddup2 (actions, output_fd, STDERR_FILENO) ==
             0 &&
         posix_spawn_file_actions_addclosefrom_np (actions, 3) == 0;
}

/* Signals as a fresh process has them: GLib and GIO may have ignored or
 * blocked some (SIGPIPE), and that would be inherited. */
static gboolean
prepare_attributes (posix_spawnattr_t *attributes)
{
  sigset_t none, all;

  sigemptyset (&none);
  sigfillset (&all);
  return posix_spawnattr_setsigmask (attributes, &none) == 0 &&
         posix_spawnattr_setsigdefault (attributes, &all) == 0 &&
         posix_spawnattr_setflags (attributes, POSIX_SPAWN_SETSIGMASK |
                                                   POSIX_SPAWN_SETSIGDEF) == 0;
}

static int
spawn (char **argv, int output_fd, GPid *pid)
{
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  int result = EINVAL;

  posix_spawn_file_actions_init (&actions);
  posix_spawnattr_init (&attributes);
  if (prepare_actions (&actions, output_fd) && prepare_attributes (&attributes))
    result = posix_spawn (pid, argv[0], &actions, &attributes, argv,
                          clean_environment);
  posix_spawnattr_destroy (&attributes);
  posix_spawn_file_actions_destroy (&actions);
  return result;
}

GrGlusterProcess *
gr_gluster_process_start (char **argv,
                          guint deadline_s,
                          gsize output_max,
                          GrGlusterProcessDone done,
                          gpointer data,
                          GError **error)
{
  GrGlusterProcess *process;
  int pipe_fds[2];
  GPid pid;
  int result;

  if (!g_unix_open_pipe (pipe_fds, FD_CLOEXEC, error))
    return NULL;
  result = spawn (argv, pipe_fds[1], &pid);
  close (pipe_fds[1]);
  if (result != 0)
    {
      close (pipe_fds[0]);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (result), "%s",
                   g_strerror (result));
      return NULL;
    }
  process = g_new0 (GrGlusterProcess, 1);
  process->pid = pid;
  process->output_stream = g_unix_input_stream_new (pipe_fds[0], TRUE);
  process->reading = g_cancellable_new ();
  process->output = g_byte_array_new ();
  process->output_max = output_max;
  process->done = done;
  process->data = data;
  process->child_watch_id = g_child_watch_add (pid, on_child_exit, process);
  process->deadline_id =
      g_timeout_add_seconds (deadline_s, on_deadline, process);
  read_more (process);
  return process;
}

void
gr_gluster_process_free (GrGlusterProcess *process)
{
  /* Only called from done, once it exited and its output ended. */
  g_clear_handle_id (&process->deadline_id, g_source_remove);
  g_clear_handle_id (&process->child_watch_id, g_source_remove);
  g_clear_object (&process->output_stream);
  g_clear_object (&process->reading);
  g_byte_array_unref (process->output);
  g_spawn_close_pid (process->pid);
  g_free (process);
}

const char *
gr_gluster_process_output (GrGlusterProcess *process, gsize *len)
{
  /* The buffer always has room: it grows by a chunk before each read. */
  g_byte_array_append (process->output, (const guint8 *) "", 1);
  g_byte_array_set_size (process->output, process->output->len - 1);
  *len = process->output->len;
  return (const char *) process->output->data;
}

int
gr_gluster_process_exit_status (GrGlusterProcess *process)
{
  return process->exit_status;
}

gboolean
gr_gluster_process_timed_out (GrGlusterProcess *process)
{
  return process->timed_out;
}

gboolean
gr_gluster_process_overflowed (GrGlusterProcess *process)
{
  return process->overflowed;
}

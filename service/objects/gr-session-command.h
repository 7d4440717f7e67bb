/* georepd: running gluster commands that change one session, then
 * refreshing that session before the caller gets the reply: the state of
 * a method call (gr-call.h) whose steps run the commands. */
#pragma once

#include "gr-call.h"
#include "gr-context.h"

G_BEGIN_DECLS

typedef struct _GrSessionCommand GrSessionCommand;

/* The commands for the session @id; the call's object (gr_call_begin)
 * is the session, or the Manager for CreateSession. */
GrSessionCommand *gr_session_command_new (GrContext *context, GrSessionId *id);
void gr_session_command_free (GrSessionCommand *command);

/* Appends one gluster command: `volume geo-replication PRIMARY
 * [USER@]HOST::SECONDARY WORDS…`, NULL-terminated. */
void gr_session_command_add (GrSessionCommand *command,
                             const char *word,
                             ...) G_GNUC_NULL_TERMINATED;
/* Appends a command given in full. */
void gr_session_command_add_argv (GrSessionCommand *command,
                                  const char *const *argv);
/* Appends a command that answers in plain text, not XML
 * (`system:: execute gsec_create`). */
void gr_session_command_add_text_argv (GrSessionCommand *command,
                                       const char *const *argv);

/* On success, reply with the session's object path instead of (). */
void gr_session_command_reply_path (GrSessionCommand *command);

/* Logs @message_id with @what (e.g. "started") when all went well. */
void gr_session_command_log (GrSessionCommand *command,
                             const char *message_id,
                             const char *what);

/* Before refreshing, waits (bounded) until the session's gsyncd monitor
 * has exited: gluster's stop returns while it still shuts down. */
void gr_session_command_await_monitor_exit (GrSessionCommand *command);

/* After the commands, waits (bounded) until a worker of this node runs,
 * and fails with gsyncd's logged reason when the start failed: gluster's
 * start succeeds even when gsyncd's monitor dies at once. For Start and
 * Resume on a session. */
void gr_session_command_await_start (GrSessionCommand *command);

/* A step after the gluster commands succeeded, before the refresh: it
 * calls gr_session_command_step_done() when it is over. */
typedef void (*GrSessionCommandStep) (GrCall *call, gpointer data);

/* Runs @step once the commands succeeded; @data is freed with @destroy
 * with the command. */
void gr_session_command_then (GrSessionCommand *command,
                              GrSessionCommandStep step,
                              gpointer data,
                              GDestroyNotify destroy);
/* Ends the step of @call: with @error (taken) the call fails with it,
 * though the commands did run; else the command goes on. */
void gr_session_command_step_done (GrCall *call, GError *error);

/* A step (GrCallStep) of a call whose state is a GrSessionCommand: runs
 * the commands in order, stops at the first failure, refreshes the
 * session and replies. */
void gr_session_command_run (GrCall *call);

G_END_DECLS

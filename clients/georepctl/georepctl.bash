# bash completion for georepctl(1): verbs, the options of each verb, and
# the volumes, sessions, destinations and options the service knows, asked
# through georepctl's hidden "__complete" verb. The options are read from
# georepctl's own --help, the columns from --output=help, so that neither
# drifts from the program. Needs bash only, not the bash-completion
# package.

_georepctl_verbs='status check create start stop pause resume delete config checkpoint verify destination events monitor refresh version help schedule unschedule run-window runs jobs job-resume job-abort promote failback'
_georepctl_destination_verbs='list add setup test mountbroker remove'
# Options that take the next word as their value (to find the verb and
# the arguments among the words; the options offered come from --help).
_georepctl_takes_value () {
  case $1 in
    --timeout | --ssh-port | --time | --port | --user | --fingerprint | --password-file | --reset | --volume | --group | --mountbroker-root | -o | --output | --sync-method | --max-files | --time-limit | --every | --primary-host) return 0 ;;
  esac
  return 1
}

_georepctl_run () {
  local program=${COMP_WORDS[0]}
  command -v "$program" >/dev/null 2>&1 || program=georepctl
  "$program" "$@" 2>/dev/null
}

# The options of "georepctl WORDS…" as its --help lists them: --NAME;
# --NAME= when it takes a value; --NAME=V for each V of a choice (a|b),
# and --NAME too when the value may be left out ([a|b]).
_georepctl_options () {
  local line name arg choice
  while read -r line; do
    [[ $line =~ ^(-[a-zA-Z],\ )?(--[a-z0-9-]+)(=([^ ]+))? ]] || continue
    name=${BASH_REMATCH[2]} arg=${BASH_REMATCH[4]}
    [[ $name == --help ]] && continue
    [[ -z $arg || $arg == \[*\] ]] && echo "$name"
    arg=${arg#[} arg=${arg%]}
    if [[ $arg == *'|'* ]]; then
      for choice in ${arg//|/ }; do echo "$name=$choice"; done
    elif [[ -n $arg ]]; then
      echo "$name="
    fi
  done < <(_georepctl_run "$@" --help)
}

# The columns of --output (the verb's own list: --output=help), each
# after what $1 holds up to its last comma or '='.
_georepctl_columns () {
  local given=${1%"${1##*[,=]}"} column
  for column in $(_georepctl_run $verb $sub --output=help); do
    echo "$given$column"
  done
}

# Asks the service; silent and empty when it cannot answer.
_georepctl_ask () {
  _georepctl_run __complete "$@"
}

# COMP_WORDBREAKS splits HOST::VOLUME at the colons and --opt=value at
# the '=': join the pieces again into _georepctl_words, and set
# _georepctl_cword.
_georepctl_join_words () {
  local i w
  _georepctl_words=()
  _georepctl_cword=0
  for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
    w=${COMP_WORDS[i]}
    if ((i > 1)) && [[ $w == [:=]* || ${COMP_WORDS[i - 1]} == *[:=] ]]; then
      _georepctl_words[${#_georepctl_words[@]} - 1]+=$w
    else
      _georepctl_words+=("$w")
    fi
    ((i == COMP_CWORD)) && _georepctl_cword=$((${#_georepctl_words[@]} - 1))
  done
  return 0
}

# Sets verb, sub (the destination verb) and args (the positional
# arguments before the current word).
_georepctl_parse () {
  local i w
  verb= sub= args=()
  for ((i = 1; i < _georepctl_cword; i++)); do
    w=${_georepctl_words[i]}
    if _georepctl_takes_value "$w"; then
      ((i++))
      continue
    fi
    [[ $w == -* ]] && continue
    if [[ -z $verb ]]; then
      verb=$w
    elif [[ $verb == @(destination|events) && -z $sub ]]; then
      sub=$w
    else
      args+=("$w")
    fi
  done
  return 0
}

# Candidates for the positional argument number ${#args[@]}.
_georepctl_arguments () {
  local n=${#args[@]}
  case $verb in
    status | start | stop | pause | resume | delete | checkpoint | config | schedule | unschedule | run-window | runs | failback)
      if ((n == 0)); then
        _georepctl_ask primaries
      elif ((n == 1)); then
        _georepctl_ask secondaries "${args[0]}"
        [[ $verb == config ]] && _georepctl_ask config-keys "${args[0]}"
      elif [[ $verb == config && $n == 2 && ${args[1]} == *::* ]]; then
        _georepctl_ask config-keys "${args[0]}" "${args[1]}"
      fi
      ;;
    create|check)
      if ((n == 0)); then
        _georepctl_ask volumes
      elif ((n == 1)); then
        _georepctl_ask remote-secondaries
      fi
      ;;
    destination)
      if [[ -z $sub ]]; then
        echo "$_georepctl_destination_verbs"
      elif ((n == 0)) && [[ $sub == @(setup|test|mountbroker|remove) ]]; then
        _georepctl_ask destinations
      elif ((n == 0)) && [[ $sub == add ]]; then
        compgen -A hostname
      fi
      ;;
    events) [[ -n $sub ]] || echo "register unregister" ;;
    help) ((n == 0)) && echo "$_georepctl_verbs" ;;
    '') echo "$_georepctl_verbs" ;;
  esac
}

# Values of the option before the current word; returns 1 if none.
_georepctl_values () {
  _georepctl_takes_value "$1" || return 1
  case $1 in
    --password-file) compgen -f -- "$cur" ;;
    --time) echo now ;;
    -o | --output) _georepctl_columns "$cur" ;;
    --reset) [[ -n ${args[0]} ]] && _georepctl_ask set-config-keys "${args[@]:0:2}" ;;
  esac
  return 0
}

_georepctl () {
  local cur prev verb sub candidates prefix
  local -a args
  _georepctl_join_words
  cur=${_georepctl_words[_georepctl_cword]}
  prev=${_georepctl_words[_georepctl_cword - 1]}
  _georepctl_parse

  if ((_georepctl_cword > 0)) && candidates=$(_georepctl_values "$prev"); then
    :
  elif [[ $cur == --output=* ]]; then
    candidates=$(_georepctl_columns "$cur")
  elif [[ $cur == -* ]]; then
    candidates=$(_georepctl_options $verb $sub)
  else
    candidates=$(_georepctl_arguments)
  fi
  mapfile -t COMPREPLY < <(compgen -W "$candidates" -- "$cur")
  # Readline replaces only what follows the last colon or '='.
  if [[ $cur == *[:=]* ]]; then
    prefix=${cur%"${cur##*[:=]}"}
    COMPREPLY=("${COMPREPLY[@]#"$prefix"}")
  fi
  # No space after "--NAME=": its value comes next.
  [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  return 0
}

complete -F _georepctl georepctl

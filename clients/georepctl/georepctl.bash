# bash completion for georepctl(1): verbs, the options of each verb, and
# the volumes, sessions, destinations and options the service knows, asked
# through georepctl's hidden "__complete" verb. Needs bash only, not the
# bash-completion package.

_georepctl_verbs='status check create start stop pause resume delete config checkpoint destination monitor refresh version help'
_georepctl_destination_verbs='list add setup test mountbroker remove'
_georepctl_global_options='--json --no-legend --no-ask-password --timeout --help'
# Options that take the next word as their value.
_georepctl_takes_value () {
  case $1 in
    --timeout | --ssh-port | --time | --port | --user | --fingerprint | --password-file | --reset | --volume | --group | --mountbroker-root) return 0 ;;
  esac
  return 1
}

_georepctl_options () {
  case $1 in
    create) echo --ssh-port --no-push-pem --no-verify --force ;;
    start | stop | pause | resume) echo --force ;;
    delete) echo --reset-sync-time ;;
    config) echo --reset --set-only ;;
    checkpoint) echo --time ;;
    'destination add') echo --port --user --fingerprint --yes ;;
    'destination setup') echo --user --password-file ;;
    'destination test') echo --user ;;
    'destination mountbroker') echo --user --volume --group --mountbroker-root ;;
    'destination remove') echo --user --revoke-key --force ;;
  esac
}

# Asks the service; silent and empty when it cannot answer.
_georepctl_ask () {
  local program=${COMP_WORDS[0]}
  command -v "$program" >/dev/null 2>&1 || program=georepctl
  "$program" __complete "$@" 2>/dev/null
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
    elif [[ $verb == destination && -z $sub ]]; then
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
    status | start | stop | pause | resume | delete | checkpoint | config)
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
  elif [[ $cur == -*=* ]]; then
    candidates=
  elif [[ $cur == -* ]]; then
    candidates="$_georepctl_global_options $(_georepctl_options "$verb${sub:+ $sub}")"
  else
    candidates=$(_georepctl_arguments)
  fi
  mapfile -t COMPREPLY < <(compgen -W "$candidates" -- "$cur")
  # Readline replaces only what follows the last colon.
  if [[ $cur == *:* ]]; then
    prefix=${cur%"${cur##*:}"}
    COMPREPLY=("${COMPREPLY[@]#"$prefix"}")
  fi
  return 0
}

complete -F _georepctl georepctl

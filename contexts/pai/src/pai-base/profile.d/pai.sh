# Login shells in PAI containers (kubectl exec … sh -l) get the shared library and a prompt that
# names the service.
. /usr/local/lib/pai/log.sh
PS1="${PAI_SERVICE:-pai} \$ "

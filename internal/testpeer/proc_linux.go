package testpeer

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts the command in a process group of its own, so that
// killGroup reaches all it started, and has the kernel kill it should the
// test binary die without cleaning up.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the command's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

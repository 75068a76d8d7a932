package outdir

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// fileLock is the held lock of one year: out/.<year>.lock, locked with
// the system's advisory lock, so that it is released when the process
// ends, however it ends. The file holds the holder's process id, for the
// message of the run that has to wait.
type fileLock struct {
	f    *os.File
	path string
}

func lockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// lock takes the year's lock, waiting up to opt.Wait for another run.
func lock(dir string, opt Options) (*fileLock, error) {
	path := lockPath(dir)
	wait := opt.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	deadline := time.Now().Add(wait)
	told := false
	pause := 5 * time.Millisecond
	for {
		// Never through a link: a link planted under the lock's name must
		// not make the tool write into some other file.
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
		if err == nil {
			if fi, serr := f.Stat(); serr != nil || !fi.Mode().IsRegular() {
				f.Close()
				err = fmt.Errorf("%s 不是普通文件", path)
			}
		}
		if err != nil {
			return nil, failed(Unchanged, "无法在 "+filepath.Dir(dir)+" 中建立锁文件 "+filepath.Base(path), err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, failed(Unchanged, "无法锁定 "+path, err)
		}
		if ok {
			// The holder before us may have removed the file as it let
			// go (see release); a lock on a removed file locks nothing.
			if fi, err := f.Stat(); err == nil {
				if pi, err := os.Stat(path); err == nil && os.SameFile(fi, pi) {
					f.Truncate(0)
					f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
					return &fileLock{f: f, path: path}, nil
				}
			}
			unlockFile(f)
			f.Close()
			continue
		}
		pid := readPID(f)
		f.Close()
		if time.Now().After(deadline) {
			return nil, &LockedError{Dir: dir, PID: pid}
		}
		if !told && opt.OnWait != nil {
			opt.OnWait(pid)
			told = true
		}
		time.Sleep(pause)
		pause = min(2*pause, 100*time.Millisecond)
	}
}

func readPID(f *os.File) int {
	b := make([]byte, 20)
	n, _ := f.ReadAt(b, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	return pid
}

// release lets go of the lock. Where the system allows removing an open
// file, the lock file goes too (a run that then finds its lock on a
// removed file starts over); elsewhere it stays, empty of meaning.
func (l *fileLock) release() {
	if removeLockFile {
		os.Remove(l.path)
	}
	unlockFile(l.f)
	l.f.Close()
}

// Lock takes the lock of dir's year as a run does (waiting as opt says)
// and returns its release; for a caller that must keep runs out while it
// works on out/<year> itself.
func Lock(dir string, opt Options) (release func(), err error) {
	l, err := lock(dir, opt)
	if err != nil {
		return nil, err
	}
	return l.release, nil
}

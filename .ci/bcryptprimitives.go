//go:build ignore

// Command bcryptprimitives writes a stand-in bcryptprimitives.dll for wine
// versions that lack one (Debian 12's wine 8.0), so that CI can run the
// Windows build of ipfund: every Go program since Go 1.22 loads
// ProcessPrng from bcryptprimitives.dll at start-up (Windows 10 has it)
// and stops with "bcryptprimitives.dll not found" otherwise.
//
// The DLL holds no code: its export table forwards ProcessPrng to
// advapi32.SystemFunction036 (RtlGenRandom), which fills a buffer with
// random bytes the same way and returns non-zero on success, as Go checks.
//
//	go run .ci/bcryptprimitives.go "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
)

const (
	fileAlign = 0x200  // section alignment in the file
	sectRVA   = 0x1000 // where the only section (.edata) is mapped
	imageBase = 0x180000000
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/bcryptprimitives.go OUTPUT.dll")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], dll(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// dll lays out a PE32+ DLL: headers, then one section holding the export
// directory, its three one-entry tables and their strings.
func dll() []byte {
	const (
		dllName   = "bcryptprimitives.dll\x00"
		funcName  = "ProcessPrng\x00"
		forwardTo = "advapi32.SystemFunction036\x00"
		dirSize   = 40 // IMAGE_EXPORT_DIRECTORY
	)
	functions := sectRVA + dirSize // one RVA: the forwarder string
	names := functions + 4         // one RVA: the name
	ordinals := names + 4          // one uint16
	nameRVA := ordinals + 2
	funcRVA := nameRVA + len(dllName)
	forwardRVA := funcRVA + len(funcName)
	exportSize := forwardRVA + len(forwardTo) - sectRVA

	var sect bytes.Buffer
	put(&sect,
		uint32(0), uint32(0), uint16(0), uint16(0), // characteristics, time stamp, version
		uint32(nameRVA), uint32(1), // name, ordinal base
		uint32(1), uint32(1), // number of functions, of names
		uint32(functions), uint32(names), uint32(ordinals),
		// An exported RVA inside the export directory is a forwarder.
		uint32(forwardRVA), uint32(funcRVA), uint16(0))
	sect.WriteString(dllName + funcName + forwardTo)
	if sect.Len() != exportSize {
		panic("export section size")
	}

	var h bytes.Buffer
	dos := make([]byte, 0x40)
	copy(dos, "MZ")
	binary.LittleEndian.PutUint32(dos[0x3c:], 0x40) // e_lfanew: the PE header follows
	h.Write(dos)
	h.WriteString("PE\x00\x00")
	put(&h, // IMAGE_FILE_HEADER
		uint16(0x8664), uint16(1), // AMD64, one section
		uint32(0), uint32(0), uint32(0), // time stamp, no symbols
		uint16(240),    // size of the optional header
		uint16(0x2022)) // executable, large address aware, DLL
	put(&h, // IMAGE_OPTIONAL_HEADER64
		uint16(0x20b), uint8(14), uint8(0), // PE32+, linker version
		uint32(0), uint32(fileAlign), uint32(0), // sizes of code, data, bss
		uint32(0), uint32(sectRVA), // no entry point, base of code
		uint64(imageBase), uint32(0x1000), uint32(fileAlign),
		uint16(6), uint16(0), uint16(0), uint16(0), uint16(6), uint16(0), // OS, image, subsystem versions
		uint32(0),                                 // Win32VersionValue
		uint32(sectRVA+0x1000), uint32(fileAlign), // size of image, of headers
		uint32(0), uint16(3), uint16(0x0140), // checksum, console, dynamic base + NX
		uint64(0x100000), uint64(0x1000), uint64(0x100000), uint64(0x1000), // stack, heap
		uint32(0), uint32(16)) // loader flags, number of data directories
	put(&h, uint32(sectRVA), uint32(exportSize)) // the export directory
	for i := 1; i < 16; i++ {
		put(&h, uint64(0))
	}
	h.Write([]byte(".edata\x00\x00"))
	put(&h, // IMAGE_SECTION_HEADER
		uint32(exportSize), uint32(sectRVA), // virtual size and address
		uint32(fileAlign), uint32(fileAlign), // raw size and offset
		uint32(0), uint32(0), uint16(0), uint16(0), // no relocations, no line numbers
		uint32(0x40000040)) // initialized data, readable

	out := make([]byte, 2*fileAlign)
	copy(out, h.Bytes())
	copy(out[fileAlign:], sect.Bytes())
	return out
}

func put(b *bytes.Buffer, values ...any) {
	for _, v := range values {
		binary.Write(b, binary.LittleEndian, v)
	}
}

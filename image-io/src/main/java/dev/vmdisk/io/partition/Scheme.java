package dev.vmdisk.io.partition;

/** How a disk image is divided: a GPT, an MBR (DOS) table, or not at all. */
public enum Scheme {
    GPT, MBR, NONE
}

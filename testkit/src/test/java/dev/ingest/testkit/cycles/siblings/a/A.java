package dev.ingest.testkit.cycles.siblings.a;

/** Fixture: uses {@code b.B}, which uses this type back (a cycle between sibling packages). */
public class A {
  public dev.ingest.testkit.cycles.siblings.b.B b;
}

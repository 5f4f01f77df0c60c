package dev.kibitz.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** A {@code HOST:PORT} option value (another service of the mesh); a bad one is a usage error naming it. */
record HostPort(String host, int port) {

  static HostPort parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new TypeConversionException("expected HOST:PORT, got '" + value + "'");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected HOST:PORT with a numeric port, got '" + value + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new TypeConversionException("port must be 1..65535, got '" + value + "'");
    }
    return new HostPort(value.substring(0, colon), port);
  }

  /** A port to listen on: 0 (any free one) to 65535, else a usage error naming {@code option}. */
  static void checkListenPort(CommandSpec spec, String option, int port) {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), option + " must be 0..65535, got " + port);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }

  /** For {@code @Option(converter = HostPort.Converter.class)}. */
  static final class Converter implements ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      return parse(value);
    }
  }
}

package dev.kibitz.cli;

import picocli.CommandLine.Option;

/** The {@code --target host:port} option shared by client commands. */
final class Target {
  @Option(names = "--target", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:50051",
      description = "model server address (default: ${DEFAULT-VALUE})")
  String target;

  String host() {
    return target.substring(0, target.lastIndexOf(':'));
  }

  int port() {
    try {
      return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("--target must be HOST:PORT, got '" + target + "'");
    }
  }
}

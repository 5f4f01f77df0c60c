package dev.kibitz.games.maze.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads back the files the views write, checking they are what they claim to be. */
final class ImageFiles {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageFiles() {}

  /** Checks the PNG signature and size, and returns the decoded image. */
  static BufferedImage readPng(Path file, int width, int height) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8), "PNG signature of " + file);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertEquals(width, image.getWidth(), "width of " + file);
    assertEquals(height, image.getHeight(), "height of " + file);
    return image;
  }

  /** Parses as XML and checks the root is an svg of the given width and height attributes. */
  static Document readSvg(Path file, int width, int height) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(file.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    assertEquals(Integer.toString(width), root.getAttribute("width"));
    assertEquals(Integer.toString(height), root.getAttribute("height"));
    return doc;
  }

  /** Elements whose class attribute is {@code cls}. */
  static int count(Document doc, String cls) {
    NodeList all = doc.getElementsByTagName("*");
    int n = 0;
    for (int i = 0; i < all.getLength(); i++) {
      if (cls.equals(((Element) all.item(i)).getAttribute("class"))) {
        n++;
      }
    }
    return n;
  }

  static int rgb(BufferedImage image, double x, double y) {
    return image.getRGB((int) x, (int) y) & 0xffffff;
  }
}

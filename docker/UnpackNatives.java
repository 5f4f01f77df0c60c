/**
 * Run once while an image is built ({@code java -cp 'cli/target/lib/*' docker/UnpackNatives.java}): loading
 * DJL's PyTorch engine makes DJL unpack libtorch from the pytorch-native jar on the classpath, and its JNI
 * library from pytorch-jni, into ENGINE_CACHE_DIR. The services then find them there at start, offline
 * ({@code ai.djl.offline=true}, as everywhere in Kibitz) and on a read-only root filesystem, instead of
 * unpacking ~450 MB into every new container.
 */
public final class UnpackNatives {
  public static void main(String[] args) {
    ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
    System.out.println("DJL " + engine.getEngineName() + " " + engine.getVersion() + " natives in "
        + System.getenv("ENGINE_CACHE_DIR"));
  }
}

package cn.servicecircle.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;

/**
 * The planner's map page in headless Chromium (Debian's chromium and chromedriver): it loads without console errors,
 * its layers draw features from the service's tiles, and clicking a street on the map shows that street's figures
 * as {@code /v1/coverage} has them. Leaves a screenshot in target/ (a copy is docs/map.png).
 * Skipped where Chromium is not installed, except under CI ({@code SC_REQUIRE_BROWSER=1}), where it must run.
 */
class MapPageTest extends ApiTestBase {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @Test
    void thePageDrawsTheLayersAndAClickedStreetShowsItsFigures() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "1".equals(System.getenv("SC_REQUIRE_BROWSER"))) {
            throw new AssertionError("SC_REQUIRE_BROWSER=1 but chromium/chromedriver are not installed");
        }
        assumeTrue(present, "chromium and chromium-driver (Debian) are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get("http://127.0.0.1:" + port + "/map/");
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
                String ready = (String) ((JavascriptExecutor) d).executeScript("return document.body.dataset.ready || ''");
                return !ready.isEmpty();
            });
            JavascriptExecutor js = driver;
            assertThat(js.executeScript("return document.body.dataset.ready")).isEqualTo("true");
            @SuppressWarnings("unchecked")
            List<String> layers = (List<String>) js.executeScript(
                    "return scMap.map.getStyle().layers.map(l => l.id)");
            assertThat(layers).contains("areas-fill", "areas-line", "gaps", "sites-real", "sites-synthetic");
            for (String layer : List.of("areas-fill", "gaps", "sites-real", "sites-synthetic")) {
                Number n = (Number) js.executeScript(
                        "return scMap.map.queryRenderedFeatures({layers: [arguments[0]]}).length", layer);
                assertThat(n.intValue()).as("features drawn in %s", layer).isPositive();
            }
            // the table lists every street with the group's figures
            List<WebElement> rows = driver.findElements(By.cssSelector("#streets tbody tr"));
            Http http = new Http(web);
            JsonNode coverage = http.get("/v1/coverage?group=preschool").json().at("/groups/0");
            assertThat(rows).hasSize(coverage.get("areas").size());

            // click the map where a street is drawn: the middle of a street polygon as the page projects it
            @SuppressWarnings("unchecked")
            Map<String, Object> target = (Map<String, Object>) js.executeScript("""
                    const m = scMap.map;
                    const c = m.getCanvas().getBoundingClientRect();
                    for (let y = 0.3; y <= 0.7; y += 0.05) for (let x = 0.3; x <= 0.7; x += 0.05) {
                      const p = [c.width * x, c.height * y];
                      const f = m.queryRenderedFeatures(p, {layers: ['areas-fill']});
                      if (f.length) return {x: p[0], y: p[1], code: f[0].properties.code, w: c.width, h: c.height};
                    }
                    return null;""");
            assertThat(target).as("a street under the middle of the map").isNotNull();
            WebElement canvas = driver.findElement(By.cssSelector("#map canvas"));
            int dx = (int) Math.round(((Number) target.get("x")).doubleValue() - ((Number) target.get("w")).doubleValue() / 2);
            int dy = (int) Math.round(((Number) target.get("y")).doubleValue() - ((Number) target.get("h")).doubleValue() / 2);
            new Actions(driver).moveToElement(canvas, dx, dy).click().perform();
            String code = (String) target.get("code");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                    code.equals(d.findElement(By.id("street-panel")).getDomAttribute("data-code")));
            String panel = driver.findElement(By.id("street-panel")).getText();
            JsonNode area = http.get("/v1/areas/" + code).json();
            JsonNode figures = http.get("/v1/coverage?group=preschool&area=" + code).json().at("/groups/0/total");
            assertThat(panel).contains(area.get("nameZh").asText(), code,
                    String.format("%.1f %%", 100 * figures.get("share").asDouble()));
            assertThat(driver.findElement(By.cssSelector("#streets tr.selected")).getDomAttribute("data-code"))
                    .isEqualTo(code);

            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/map.png"), driver.getScreenshotAs(OutputType.BYTES));
            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as("console errors").isEmpty();
        } finally {
            driver.quit();
        }
    }
}
